import pg from "pg";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { inTransaction, withErrorLog } from "@/lib/db/pg-pool";
import { settleBatch } from "./batch-completion";
import { processGeneration } from "./process-generation";
import { processJudgments } from "./process-judgment";
import { processRejudgment } from "./process-rejudgment";
import { ENDPOINT_TEST_QUEUE, endpointTestJobSchema, GENERATE_QUEUE, generateJobSchema, JUDGE_QUEUE, judgeJobSchema, REJUDGE_QUEUE, rejudgeJobSchema, startBoss } from "./queue";
import { settleRejudge } from "./rejudge-completion";
import { testEndpoint } from "./test-endpoint";
import { DEFAULT_RETRY, type RetryOptions } from "./retry";
import { apiKeyFrom, type WorkerContext } from "./worker-context";
import { privateEndpointsAllowed } from "@/lib/network/private-address";

export interface WorkerOptions {
  databaseUrl: string;
  /** Jobs in flight per queue in this process. */
  concurrency?: number;
  /** Where API keys are read from (this process's environment by default). */
  env?: NodeJS.ProcessEnv;
  retry?: Omit<RetryOptions, "maxAttempts">;
  log?: (line: string) => void;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

const HOUSEKEEPING_MS = 500;

/**
 * A worker: takes generation and judge jobs from the queue, calls the endpoints, writes rows,
 * keeps EM cells and batch status current. Any number may run against one database.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? (() => {});
  const pool = withErrorLog(new pg.Pool({ connectionString: options.databaseUrl, max: 16 }), "worker pool");
  const boss = await startBoss(options.databaseUrl, { supervise: true });
  const dirtyBatches = new Set<number>();
  // Generations written since the last refresh: only their cells' EM aggregates are rebuilt.
  const dirtyGenerations = new Set<number>();
  const dirtyRejudges = new Set<number>();
  const ctx: WorkerContext = {
    pool,
    retry: options.retry ?? { baseDelayMs: DEFAULT_RETRY.baseDelayMs, maxDelayMs: DEFAULT_RETRY.maxDelayMs },
    apiKey: apiKeyFrom(options.env ?? process.env),
    allowPrivate: privateEndpointsAllowed(options.env ?? process.env),
    touched: (batchId) => {
      dirtyBatches.add(batchId);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };

  const { rows: endpoints } = await pool.query<{ id: number; maxConcurrent: number }>(`SELECT id, "maxConcurrent" FROM "Endpoint"`);
  const groupConcurrency = { default: 8, tiers: Object.fromEntries(endpoints.map((e) => [`endpoint-${e.id}`, e.maxConcurrent])) };
  const concurrency = options.concurrency ?? 16;
  // Jobs are fetched 16 at a time and run together: fewer queue round trips per job.
  const batchSize = Math.min(16, concurrency);
  const workOptions = { batchSize, localConcurrency: Math.max(1, Math.ceil(concurrency / batchSize)), groupConcurrency, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true };

  await boss.work(GENERATE_QUEUE, workOptions, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        const { generationId } = generateJobSchema.parse(job.data);
        await processGeneration(ctx, boss, generationId);
        dirtyGenerations.add(generationId);
      }),
    );
  });
  await boss.work(JUDGE_QUEUE, workOptions, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        const { generationId } = judgeJobSchema.parse(job.data);
        await processJudgments(ctx, boss, generationId);
        dirtyGenerations.add(generationId);
      }),
    );
  });
  await boss.work(REJUDGE_QUEUE, workOptions, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        const { rejudgeId, generationId } = rejudgeJobSchema.parse(job.data);
        await processRejudgment(ctx, rejudgeId, generationId);
        dirtyRejudges.add(rejudgeId);
        dirtyGenerations.add(generationId);
      }),
    );
  });

  await boss.work(ENDPOINT_TEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    return testEndpoint(pool, endpointTestJobSchema.parse(job.data).endpointId, ctx);
  });

  // Batches this worker left running earlier (a crash) are checked at once.
  const running = await pool.query<{ id: number }>(`SELECT id FROM "Batch" WHERE status = 'running'`);
  for (const { id } of running.rows) dirtyBatches.add(id);
  const rejudging = await pool.query<{ id: number }>(`SELECT id FROM "Rejudge" WHERE status = 'running'`);
  for (const { id } of rejudging.rows) dirtyRejudges.add(id);

  let housekeeping: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    housekeeping = housekeeping.then(async () => {
      const generations = [...dirtyGenerations];
      const batches = [...dirtyBatches];
      const rejudges = [...dirtyRejudges];
      dirtyGenerations.clear();
      dirtyBatches.clear();
      dirtyRejudges.clear();
      try {
        if (generations.length) await inTransaction((client) => refreshEmCells(client, { generationIds: generations }), pool);
        for (const id of batches) {
          const status = await settleBatch(pool, id);
          if (status) {
            log(`batch ${id} ${status}`);
            await inTransaction((client) => refreshEmCells(client, { batchId: id }), pool);
          } else {
            dirtyBatches.add(id);
          }
        }
        // A completed re-judge starts counting in the default EM views: its cells are rebuilt.
        for (const id of rejudges) {
          const { status, finished } = await settleRejudge(pool, id);
          if (finished) {
            log(`re-judge ${id} ${status}`);
            await inTransaction((client) => refreshEmCells(client, { rejudgeId: id }), pool);
          }
          else if (status === "running" || status === "queued") dirtyRejudges.add(id);
        }
      } catch (error) {
        for (const id of generations) dirtyGenerations.add(id);
        for (const id of batches) dirtyBatches.add(id);
        for (const id of rejudges) dirtyRejudges.add(id);
        log(`housekeeping failed: ${(error as Error).message}`);
      }
    });
  }, HOUSEKEEPING_MS);

  log(`worker started (${concurrency} jobs in flight per queue)`);
  return {
    stop: async () => {
      clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
      await housekeeping;
      await pool.end();
    },
  };
}
