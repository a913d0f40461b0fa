// One PostgreSQL server for the whole integration run: the embedded one in a throwaway folder, or
// DATABASE_URL's server when set. A template database is migrated once; every test file gets its
// own copy of it (see test-database.ts), and all of them are dropped at the end.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type PostgresServer } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { migrationsDir } from "../../lib/db/project-paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the server's maintenance database (any database name can be swapped in). */
    adminUrl: string;
    templateDatabase: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// embedded-postgres registers async-exit-hook, which answers Node's "beforeExit" with
// process.exit(0) once the server is stopped: that turned vitest's failing exit code into 0, so a
// failing integration test did not fail `npm test`. Keep the code vitest set.
process.on("beforeExit", () => {
  const code = process.exitCode;
  if (code) process.once("exit", () => (process.exitCode = code));
});

export default async function setup(project: TestProject) {
  let server: PostgresServer | null = null;
  let scratch: string | null = null;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, "postgres");
  } else {
    scratch = await mkdtemp(path.join(tmpdir(), "emlab-test-"));
    server = await startEmbeddedPostgres({
      clusterDir: path.join(scratch, "postgres"),
      settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
    });
    adminUrl = server.url("postgres");
  }
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const templateDatabase = `emlab_test_template_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDatabase}"`);
  await migrate(withDatabase(adminUrl, templateDatabase), migrationsDir);
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`emlab_test_${runId}_%`, templateDatabase],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
    await server?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
}
