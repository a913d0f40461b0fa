import { PgBoss } from "pg-boss";
import type pg from "pg";
import { z } from "zod";

export const GENERATE_QUEUE = "emlab-generate";
export const JUDGE_QUEUE = "emlab-judge";
/** Re-judging passes: one job per (re-judge, generation). */
export const REJUDGE_QUEUE = "emlab-rejudge";
/** "Test" on the Endpoints page: a worker (which holds the keys) makes one small request. */
export const ENDPOINT_TEST_QUEUE = "emlab-endpoint-test";

/** Job payloads, validated when a worker takes them. */
export const generateJobSchema = z.object({ generationId: z.number().int().positive() });
/** One judge job per generation: every metric of its batch. */
export const judgeJobSchema = z.object({ generationId: z.number().int().positive() });
export const rejudgeJobSchema = z.object({ rejudgeId: z.number().int().positive(), generationId: z.number().int().positive() });
/** Test a saved endpoint, or list the models of one being entered (base URL and key NAME only). */
export const endpointTestJobSchema = z.union([
  z.object({ endpointId: z.number().int().positive() }),
  z.object({ probe: z.object({ baseUrl: z.string().max(2000), apiKeyEnv: z.string().max(200).nullable() }) }),
]);
export type EndpointTestJob = z.infer<typeof endpointTestJobSchema>;

/** A dead worker's job goes back to the queue after this many seconds without a heartbeat. */
export const HEARTBEAT_SECONDS = 10;

export interface BossOptions {
  /** Workers supervise (expire jobs of dead workers); producers (the web app) need not. */
  supervise: boolean;
}

/**
 * While the database is down every poll fails (several a second): say so once, then at most once
 * every 10 s with the number of repeats.
 */
function throttledLog(write: (line: string) => void, intervalMs = 10_000): (error: unknown) => void {
  let last = 0;
  let skipped = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      skipped++;
      return;
    }
    write(`${(error as Error)?.message ?? String(error)}${skipped ? ` (and ${skipped} more errors since the last report)` : ""}`);
    last = now;
    skipped = 0;
  };
}

export async function startBoss(databaseUrl: string, { supervise }: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 4,
    schedule: false,
    supervise,
    // Workers listen for new jobs (one connection): a launch from the dashboard, or judge jobs a
    // generation wrote on another machine, start at once instead of at the next poll.
    useListenNotify: supervise,
    ...(supervise ? { superviseIntervalSeconds: 2, monitorIntervalSeconds: 2 } : {}),
  });
  // pg-boss reports lost connections and failed polls here and keeps going (its pool reconnects).
  boss.on("error", throttledLog((line) => console.error(`[queue] ${line}`)));
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw error;
  }
  // Retries of provider errors happen inside a job (withRetries); pg-boss retries are for
  // workers that died holding the job.
  const work = { retryLimit: 20, retryDelay: 1, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 3600, notify: true };
  const queues: [string, typeof work | { retryLimit: number; expireInSeconds: number; notify: boolean }][] = [
    [GENERATE_QUEUE, work],
    [JUDGE_QUEUE, work],
    [REJUDGE_QUEUE, work],
    [ENDPOINT_TEST_QUEUE, { retryLimit: 0, expireInSeconds: 120, notify: true }],
  ];
  for (const [name, options] of queues) {
    const created = await boss.createQueue(name, options).then(
      () => true,
      (error) => {
        if (!/already exists/i.test(String(error))) throw error; // another process created it first
        return false;
      },
    );
    // Queues made before they notified (an upgraded database) are switched on.
    if (!created && supervise) await boss.updateQueue(name, { notify: true });
  }
  return boss;
}

/** pg-boss over one of our transactions: jobs commit (or roll back) with the rows they are for. */
export function inTransactionDb(client: pg.ClientBase) {
  return { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) };
}

export function endpointGroup(endpointId: number) {
  return { id: `endpoint-${endpointId}`, tier: `endpoint-${endpointId}` };
}
