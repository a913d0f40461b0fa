// Shared by the benchmarks: a fresh database on a throwaway embedded cluster (same settings as
// `npm start`), or a new database on DATABASE_URL's server.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { migrationsDir } from "../lib/db/project-paths";

/** A fresh migrated database; `keep` leaves it on DATABASE_URL's server after close (ignored without one). */
export async function benchDatabase(name: string, options: { keep?: boolean } = {}): Promise<{ url: string; close(): Promise<void> }> {
  let admin: string;
  let stopServer = async () => {};
  let scratch: string | null = null;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = "/postgres";
    admin = u.toString();
  } else {
    scratch = await mkdtemp(path.join(tmpdir(), "emlab-bench-"));
    const server = await startEmbeddedPostgres({ clusterDir: path.join(scratch, "postgres") });
    admin = server.url("postgres");
    stopServer = () => server.stop();
  }
  const database = `emlab_bench_${name}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${database}"`);
  const url = new URL(admin);
  url.pathname = `/${database}`;
  await migrate(url.toString(), migrationsDir);
  return {
    url: url.toString(),
    close: async () => {
      if (!(options.keep && process.env.DATABASE_URL)) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.end();
      await stopServer();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    },
  };
}

export function table(head: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(head), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.map(line)].join("\n");
}
