import "server-only";
import type { PgBoss } from "pg-boss";
import { startBoss } from "@/lib/eval/queue";

// The web app only enqueues: one producer connection per process, no supervision.
const globalForBoss = globalThis as unknown as { emlabBoss?: Promise<PgBoss> };

/**
 * The producer's pg-boss. A start that failed (the database was down) is forgotten, so the next
 * launch or resume tries again instead of failing until the server restarts.
 */
export function queueClient(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  if (!globalForBoss.emlabBoss) {
    const starting = startBoss(url, { supervise: false });
    globalForBoss.emlabBoss = starting;
    starting.catch(() => {
      if (globalForBoss.emlabBoss === starting) globalForBoss.emlabBoss = undefined;
    });
  }
  return globalForBoss.emlabBoss;
}
