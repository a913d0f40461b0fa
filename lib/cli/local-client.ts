import type { PgBoss } from "pg-boss";
import { startBoss } from "@/lib/eval/queue";
import { cancelBatch, resumeBatch } from "@/lib/server/batches/batch-control";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { showBatch } from "@/lib/server/batches/batch-status";
import { createBatch } from "@/lib/server/batches/create-batch";
import { listBatches } from "@/lib/server/batches/list-batches";
import { deleteEndpoint, requestEndpointTest } from "@/lib/server/endpoints/endpoint-admin";
import { endpointList, endpointPatchSchema, showEndpoint, updateEndpoint } from "@/lib/server/endpoints/endpoint-api";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";
import { questionSetList } from "@/lib/server/imports/list-imports";
import { showQuestionSet } from "@/lib/server/question-sets/get-question-set";
import { listRuns } from "@/lib/server/runs/list-runs";
import { attachEndpoint, createRun, showRun, updateRun } from "@/lib/server/runs/run-api";
import { attachEndpointSchema, runJsonSchema, runPatchSchema } from "@/lib/server/runs/run-json-input";
import { emCells } from "@/lib/server/em/em-cells";
import { emQuerySchema } from "@/lib/server/em/em-query";
import type { EmlabClient } from "./client";

/** The client on the database itself (DATABASE_URL), through the same server modules the routes use. */
export function localClient(databaseUrl: string, description: string): EmlabClient {
  let boss: Promise<PgBoss> | null = null;
  const queue = () => (boss ??= startBoss(databaseUrl, { supervise: false }));
  return {
    target: description,
    listRuns: () => listRuns(),
    showRun: (id) => showRun(id),
    createRun: (input) => createRun(runJsonSchema.parse(input)),
    updateRun: (id, patch) => updateRun(id, runPatchSchema.parse(patch)),
    attachEndpoint: (id, endpoint) => attachEndpoint(id, attachEndpointSchema.parse({ endpoint }).endpoint),
    listEndpoints: () => endpointList(),
    showEndpoint: (id) => showEndpoint(id),
    addEndpoint: (input) => saveEndpoint(endpointInputSchema.parse(input)),
    updateEndpoint: (id, patch) => updateEndpoint(id, endpointPatchSchema.parse(patch)),
    removeEndpoint: (id) => deleteEndpoint(id),
    testEndpoint: (id) => requestEndpointTest(id),
    listQuestionSets: () => questionSetList(),
    showQuestionSet: (id) => showQuestionSet(id),
    listBatches: () => listBatches(),
    showBatch: (id) => showBatch(id),
    launchBatch: async (input) => createBatch(await queue(), batchInputSchema.parse(input)),
    cancelBatch: (id) => cancelBatch(id),
    resumeBatch: async (id) => resumeBatch(await queue(), id),
    emCells: (query) => emCells(emQuerySchema.parse(query)),
    async close() {
      if (boss) await (await boss).stop({ graceful: false, close: true });
    },
  };
}
