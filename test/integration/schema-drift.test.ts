// Fails when prisma/schema.prisma and prisma/migrations disagree: the database the migrations
// build must have exactly the catalog that Prisma's own SQL for schema.prisma builds.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { projectRoot } from "@/lib/db/project-paths";
import { datamodelTarget, diffSql } from "../../scripts/schema-engine";
import { createTestDatabase } from "../support/test-database";

/** Everything about the public schema that a migration can change, as sorted text lines. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      `SELECT 'index ' || indexname || ' ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> '"_prisma_migrations"'::regclass`,
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
    ];
    const lines: string[] = [];
    for (const q of queries) lines.push(...(await client.query<{ line: string }>(q)).rows.map((r) => r.line));
    return lines.sort();
  } finally {
    await client.end();
  }
}

async function catalogOfSchema(schema: string, withHistoryTable: boolean): Promise<string[]> {
  const db = await createTestDatabase({ migrated: false });
  const sql = await diffSql(db.url, { tag: "empty" }, datamodelTarget(schema));
  if (withHistoryTable) await db.sql.query(`CREATE TABLE "_prisma_migrations" (id varchar(36))`);
  // Extensions are created by migrations (Prisma 7 has no schema syntax for them).
  await db.sql.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  await db.sql.query(sql);
  return catalog(db.url);
}

describe("schema drift", () => {
  it("the migrations build exactly what schema.prisma describes", async () => {
    const schema = await readFile(path.join(projectRoot, "prisma", "schema.prisma"), "utf8");
    const migrated = await createTestDatabase(); // the template: all migrations applied by our runner
    const fromMigrations = await catalog(migrated.url);
    const fromSchema = await catalogOfSchema(schema, true);
    expect(fromMigrations.length).toBeGreaterThan(50);
    expect(fromMigrations).toEqual(fromSchema);
  });

  it("notices a field added to schema.prisma without a migration", async () => {
    const schema = await readFile(path.join(projectRoot, "prisma", "schema.prisma"), "utf8");
    const changed = schema.replace("  notes           String?\n", "  notes           String?\n  rogueField      Int?\n");
    expect(changed).not.toBe(schema);
    const migrated = await createTestDatabase();
    const fromSchema = await catalogOfSchema(changed, true);
    const fromMigrations = await catalog(migrated.url);
    const missing = fromSchema.filter((line) => !fromMigrations.includes(line));
    expect(missing).toEqual([expect.stringContaining('column Run.rogueField integer int4 null=YES')]);
  });
});
