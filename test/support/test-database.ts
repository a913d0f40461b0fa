import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { withDatabase } from "./postgres-global-setup";

export interface TestDatabase {
  url: string;
  name: string;
  /** A client on the test database for direct checks; ended after the file. */
  sql: pg.Pool;
}

/**
 * A fresh, migrated database of this test file's own (a copy of the run's template). It also
 * becomes DATABASE_URL, so the app's own prisma() in lib/db talks to it.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("adminUrl");
  const template = inject("templateDatabase");
  const runId = template.replace("emlab_test_template_", "");
  const name = `emlab_test_${runId}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(options.migrated === false ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  process.env.DATABASE_URL = url;
  const sql = new pg.Pool({ connectionString: url, max: 4 });
  afterAll(async () => {
    await sql.end();
  });
  return { url, name, sql };
}
