import pg from "pg";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { inTransaction, withErrorLog } from "@/lib/db/pg-pool";
import { batchApiTick, DEFAULT_BATCH_API, type BatchApiSettings } from "./batch-api-judging";
import { settleBatch } from "./batch-completion";
import { EndpointRegistry } from "./endpoint-registry";
import { JobContextCache } from "./job-context";
import { processGenerations } from "./process-generation";
import { processJudgments } from "./process-judgment";
import { processRejudgment } from "./process-rejudgment";
import { ENDPOINT_TEST_QUEUE, endpointTestJobSchema, GENERATE_QUEUE, generateJobSchema, JUDGE_QUEUE, judgeJobSchema, REJUDGE_QUEUE, rejudgeJobSchema, startBoss } from "./queue";
import { settleRejudge } from "./rejudge-completion";
import { probeEndpoint, testEndpoint } from "./test-endpoint";
import { DEFAULT_RETRY, type RetryOptions } from "./retry";
import { apiKeyFrom, type WorkerContext } from "./worker-context";
import { PRESENCE_EVERY_MS, WorkerPresence } from "./worker-presence";
import { indexImportedAnswers } from "./answer-search-indexer";
import { privateEndpointsAllowed } from "@/lib/network/private-address";

export interface WorkerOptions {
  databaseUrl: string;
  /** Jobs in flight per queue in this process. */
  concurrency?: number;
  /** Where API keys are read from (this process's environment by default). */
  env?: NodeJS.ProcessEnv;
  retry?: Omit<RetryOptions, "maxAttempts">;
  log?: (line: string) => void;
  /** Batch API judging: how often to send and poll (ms), and its limits. */
  batchApi?: Partial<BatchApiSettings> & { pollMs?: number };
}

export interface RunningWorker {
  stop(): Promise<void>;
}

const HOUSEKEEPING_MS = 250;
const REFRESH_SPACING = 4;

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
  const endpoints = new EndpointRegistry(pool);
  const presence = new WorkerPresence(pool);
  const live = await presence.beat();
  endpoints.setWorkers(live);
  await endpoints.refresh();
  // Joining workers that are already running: wait until they have seen this one and lowered
  // their share of each endpoint, so the endpoints' limits hold from the first request.
  if (live > 1) await new Promise((resolve) => setTimeout(resolve, PRESENCE_EVERY_MS + 500));
  const presenceTimer = setInterval(() => {
    presence
      .beat()
      .then((n) => endpoints.setWorkers(n))
      .catch(() => {}); // the database is down: the queue says so, and the last share stays
  }, PRESENCE_EVERY_MS);
  const ctx: WorkerContext = {
    pool,
    retry: options.retry ?? { baseDelayMs: DEFAULT_RETRY.baseDelayMs, maxDelayMs: DEFAULT_RETRY.maxDelayMs },
    apiKey: apiKeyFrom(options.env ?? process.env),
    allowPrivate: privateEndpointsAllowed(options.env ?? process.env),
    touched: (batchId) => {
      dirtyBatches.add(batchId);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    endpoints,
    context: new JobContextCache(pool),
    queued: (queue) => {
      for (const id of loops.get(queue) ?? []) boss.notifyWorker(id);
    },
  };

  // pg-boss reads the group limits at every fetch, and the registry keeps them current.
  const groupConcurrency = endpoints.groupConcurrency;
  const concurrency = options.concurrency ?? 16;
  // Jobs are fetched in batches and run together (fewer queue round trips and one write per batch),
  // by four fetch loops so one slow batch does not hold the others up.
  const batchSize = Math.min(64, Math.max(1, Math.ceil(concurrency / 4)));
  const localConcurrency = Math.max(1, Math.ceil(concurrency / batchSize));
  // NOTIFY wakes an idle loop at once; the 0.5 s poll stays, since a job freed by the group limits sends none.
  const workOptions = { batchSize, localConcurrency, groupConcurrency, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, burstWhenBatchFull: true };

  // One work() a fetch loop, so each loop's id is known and it can be woken (ctx.queued).
  const loops = new Map<string, string[]>();
  const workLoops = async (queue: string, handler: (ids: number[]) => Promise<void>, parse: (data: unknown) => number) => {
    const ids: string[] = [];
    for (let i = 0; i < localConcurrency; i++) ids.push(await boss.work(queue, { ...workOptions, localConcurrency: 1 }, (jobs) => handler(jobs.map((job) => parse(job.data)))));
    loops.set(queue, ids);
  };
  // Generations a job wrote are marked for the next EM cell refresh once the job's writes committed.
  const written = (ids: number[]) => ids.forEach((id) => dirtyGenerations.add(id));
  await workLoops(GENERATE_QUEUE, (ids) => processGenerations(ctx, boss, ids).then(() => written(ids)), (data) => generateJobSchema.parse(data).generationId);
  await workLoops(JUDGE_QUEUE, (ids) => processJudgments(ctx, ids).then(() => written(ids)), (data) => judgeJobSchema.parse(data).generationId);
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
    const data = endpointTestJobSchema.parse(job.data);
    return "probe" in data ? probeEndpoint({ ...data.probe, model: null, timeoutSeconds: 30 }, ctx) : testEndpoint(pool, data.endpointId, ctx);
  });

  // Batches this worker left running earlier (a crash) are checked at once.
  const running = await pool.query<{ id: number }>(`SELECT id FROM "Batch" WHERE status = 'running'`);
  for (const { id } of running.rows) dirtyBatches.add(id);
  const rejudging = await pool.query<{ id: number }>(`SELECT id FROM "Rejudge" WHERE status = 'running'`);
  for (const { id } of rejudging.rows) dirtyRejudges.add(id);
  // Re-judges judged before per-pass aggregates existed (an upgraded database) get theirs once.
  const unbuilt = await pool.query<{ id: number }>(
    `SELECT r.id FROM "Rejudge" r WHERE EXISTS (SELECT 1 FROM "Judgment" j WHERE j.pass = r.id) AND NOT EXISTS (SELECT 1 FROM "EmCell" c WHERE c.scoring = r.id)`,
  );
  for (const { id } of unbuilt.rows) await inTransaction((client) => refreshEmCells(client, { rejudgeId: id }), pool);

  let housekeeping: Promise<void> = Promise.resolve();
  // The live EM cells of a run with very large cells take a while to rebuild: refresh them at most
  // once per REFRESH_SPACING times the last refresh took, so they never take over the database.
  let nextCellRefresh = 0;
  const timer = setInterval(() => {
    housekeeping = housekeeping.then(async () => {
      const cellsDue = Date.now() >= nextCellRefresh;
      const generations = cellsDue ? [...dirtyGenerations] : [];
      const batches = [...dirtyBatches];
      const rejudges = [...dirtyRejudges];
      if (cellsDue) dirtyGenerations.clear();
      dirtyBatches.clear();
      dirtyRejudges.clear();
      // Endpoint limits, read again every tick (quietly: while the database is down the queue
      // already says so, and the last limits read stay in force).
      await endpoints.refresh().catch(() => {});
      try {
        if (generations.length) {
          const started = Date.now();
          await inTransaction((client) => refreshEmCells(client, { generationIds: generations }), pool);
          nextCellRefresh = Date.now() + REFRESH_SPACING * (Date.now() - started);
        }
        for (const id of batches) {
          // Settled and its EM cells rebuilt in one transaction: a worker killed in between leaves the
          // batch running, and the next worker settles it again, cells included.
          const status = await inTransaction(async (client) => {
            const settled = await settleBatch(client, id);
            if (settled) await refreshEmCells(client, { batchId: id });
            return settled;
          }, pool);
          if (status) {
            log(`batch ${id} ${status}`);
          } else {
            dirtyBatches.add(id);
          }
        }
        // A completed re-judge starts counting in the default EM views: its cells are rebuilt.
        for (const id of rejudges) {
          const { status, finished } = await inTransaction(async (client) => {
            const settled = await settleRejudge(client, id);
            if (settled.finished) await refreshEmCells(client, { rejudgeId: id });
            return settled;
          }, pool);
          if (finished) log(`re-judge ${id} ${status}`);
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

  // Imported answers copied into the search index after their import committed, chunk after chunk
  // while there are any, then checked every 2 s.
  let searchStopped = false;
  let wakeSearch = () => {};
  const searchCursors = new Map<number, number>();
  const searchLoop = (async () => {
    while (!searchStopped) {
      const copied = await indexImportedAnswers(pool, searchCursors).catch((error) => {
        log(`search indexing failed: ${(error as Error).message}`);
        return 0;
      });
      if (!copied) {
        await new Promise<void>((resolve) => {
          const timeout = setTimeout(resolve, 2_000);
          wakeSearch = () => {
            clearTimeout(timeout);
            resolve();
          };
        });
      }
    }
  })();

  // Provider batches (Batch API judging): sent and polled by one worker at a time.
  const batchApiSettings = { ...DEFAULT_BATCH_API, ...options.batchApi };
  let batchApiRound: Promise<void> = Promise.resolve();
  const batchApiTimer = setInterval(() => {
    batchApiRound = batchApiRound.then(() => batchApiTick(ctx, batchApiSettings, log).catch((error) => log(`Batch API round failed: ${(error as Error).message}`)));
  }, options.batchApi?.pollMs ?? Number(process.env.EMLAB_BATCH_API_POLL_SECONDS || 30) * 1000);

  log(`worker started (${concurrency} jobs in flight per queue)`);
  return {
    stop: async () => {
      clearInterval(timer);
      clearInterval(presenceTimer);
      searchStopped = true;
      wakeSearch();
      clearInterval(batchApiTimer);
      await batchApiRound;
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
      await housekeeping;
      await searchLoop;
      await presence.leave().catch(() => {});
      await pool.end();
    },
  };
}
