import "server-only";
import { recordAudit } from "@/lib/auth/audit-log";
import { prisma } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import type { EndpointTestResult } from "@/lib/eval/test-endpoint";
import { ENDPOINT_TEST_QUEUE, type EndpointTestJob } from "@/lib/eval/queue";
import { checkPolicy } from "./save-endpoint";
import { queueClient } from "@/lib/server/batches/queue-client";

export async function getEndpoint(id: number) {
  return prisma().endpoint.findUnique({
    where: { id },
    select: { id: true, name: true, baseUrl: true, model: true, apiKeyEnv: true, maxConcurrent: true, requestsPerMinute: true, timeoutSeconds: true, inputUsdPerMTok: true, outputUsdPerMTok: true, batchApi: true, batchDiscount: true },
  });
}

/** Removes an endpoint; runs it served and batches it judged keep their rows, without it. */
export async function deleteEndpoint(id: number): Promise<void> {
  const { count } = await prisma().endpoint.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`Endpoint ${id} does not exist.`);
  await recordAudit("endpoint.delete", { type: "Endpoint", id });
}

const TEST_WAIT_MS = 20_000;

/**
 * Asks a worker (the only process that reads API keys) to make one small request, and waits for
 * its answer.
 */
export async function requestEndpointTest(id: number): Promise<EndpointTestResult> {
  if (!(await getEndpoint(id))) throw new NotFoundError(`Endpoint ${id} does not exist.`);
  await recordAudit("endpoint.test", { type: "Endpoint", id });
  return runTestJob({ endpointId: id });
}

/**
 * The models an endpoint being entered serves, for the form to pick from: the same checks as
 * saving it (key variable allowed, host allowed), then the worker lists them with the key.
 */
export async function requestModelList(target: { baseUrl: string; apiKeyEnv?: string }): Promise<EndpointTestResult> {
  checkPolicy(target);
  return runTestJob({ probe: { baseUrl: target.baseUrl, apiKeyEnv: target.apiKeyEnv ?? null } });
}

async function runTestJob(data: EndpointTestJob): Promise<EndpointTestResult> {
  const boss = await queueClient();
  const jobId = await boss.send(ENDPOINT_TEST_QUEUE, data);
  const deadline = Date.now() + TEST_WAIT_MS;
  while (jobId && Date.now() < deadline) {
    const [job] = await boss.findJobs<EndpointTestJob>(ENDPOINT_TEST_QUEUE, { id: jobId });
    if (job?.state === "completed") return job.output as unknown as EndpointTestResult;
    if (job?.state === "failed") return { ok: false, message: "The worker failed while testing; see its log.", latencyMs: null };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { ok: false, message: `No worker answered within ${TEST_WAIT_MS / 1000} s: is a worker running (npm start runs one, or npm run worker)?`, latencyMs: null };
}
