import "server-only";
import { pendingMigrations } from "@/lib/db/migrate";
import { prisma } from "@/lib/db/prisma";
import path from "node:path";
import pg from "pg";
import { ignoreClientErrorEvents } from "@/lib/db/pg-pool";
import { liveWorkers } from "@/lib/eval/worker-presence";

export interface DatabaseHealth {
  status: "ok" | "degraded" | "down";
  database: {
    reachable: boolean;
    kind: string;
    serverVersion: string | null;
    latencyMs: number | null;
    pendingMigrations: string[];
    runs: number | null;
    error?: string;
  };
  /** Workers seen in the last 15 s (null when the database cannot tell). */
  workers: number | null;
}

export async function databaseHealth(): Promise<DatabaseHealth> {
  const kind = process.env.EMLAB_DATABASE_KIND ?? "external";
  const started = performance.now();
  const client = ignoreClientErrorEvents(new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 }));
  try {
    await client.connect();
    const version = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    // Next runs from the project root; a path from import.meta.url would point into the build.
    const pending = await pendingMigrations(client, path.join(process.cwd(), "prisma", "migrations"));
    const runs = pending.length ? null : await prisma().run.count();
    const workers = pending.length ? null : await liveWorkers(client);
    return {
      status: pending.length ? "degraded" : "ok",
      database: { reachable: true, kind, serverVersion: version.rows[0].v, latencyMs, pendingMigrations: pending, runs },
      workers,
    };
  } catch (error) {
    return {
      status: "down",
      database: {
        reachable: false,
        kind,
        serverVersion: null,
        latencyMs: null,
        pendingMigrations: [],
        runs: null,
        error: error instanceof Error ? error.message : String(error),
      },
      workers: null,
    };
  } finally {
    await client.end().catch(() => {});
  }
}
