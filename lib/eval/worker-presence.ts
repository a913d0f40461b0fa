import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type pg from "pg";

/** A worker not seen for this long is gone (crashed, or its machine lost the database). */
export const PRESENCE_TTL_SECONDS = 15;
/** How often a worker says it is alive (well inside the TTL). */
export const PRESENCE_EVERY_MS = 2_000;

/**
 * This worker's row in WorkerPresence. `beat()` marks it alive and answers how many workers are
 * live, itself included; `leave()` removes it on a graceful stop so the others take over its share
 * at once instead of after the TTL.
 */
export class WorkerPresence {
  readonly id = randomUUID();

  constructor(private readonly db: pg.Pool) {}

  /** Marks this worker alive; returns how many workers are live, itself included. */
  async beat(): Promise<number> {
    const { rows } = await this.db.query<{ others: number }>(
      `WITH up AS (INSERT INTO "WorkerPresence" (id, host, pid) VALUES ($1, $2, $3)
                   ON CONFLICT (id) DO UPDATE SET "seenAt" = now() RETURNING id),
            gone AS (DELETE FROM "WorkerPresence" WHERE "seenAt" < now() - interval '1 day' RETURNING id)
       SELECT count(*)::int AS others FROM "WorkerPresence"
        WHERE "seenAt" > now() - make_interval(secs => $4) AND id <> $1`,
      [this.id, hostname().slice(0, 200), process.pid, PRESENCE_TTL_SECONDS],
    );
    return rows[0].others + 1;
  }

  async leave(): Promise<void> {
    await this.db.query(`DELETE FROM "WorkerPresence" WHERE id = $1`, [this.id]);
  }
}

/** Workers seen within the TTL (what the health route and batch pages report). */
export async function liveWorkers(db: pg.Pool | pg.ClientBase): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "WorkerPresence" WHERE "seenAt" > now() - make_interval(secs => $1)`,
    [PRESENCE_TTL_SECONDS],
  );
  return rows[0].n;
}

/** One worker's share of an endpoint's max concurrent requests when `workers` share it (at least 1). */
export function requestShare(maxConcurrent: number, workers: number): number {
  return Math.max(1, Math.floor(maxConcurrent / Math.max(1, workers)));
}
