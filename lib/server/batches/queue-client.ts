import "server-only";
import type { PgBoss } from "pg-boss";
import { startBoss } from "@/lib/eval/queue";

// The web app only enqueues: one producer connection per process, no supervision.
const globalForBoss = globalThis as unknown as { emlabBoss?: Promise<PgBoss> };

export function queueClient(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  globalForBoss.emlabBoss ??= startBoss(url, { supervise: false });
  return globalForBoss.emlabBoss;
}
