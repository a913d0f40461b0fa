import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { migrationsDir } from "@/lib/db/project-paths";
import { createTestDatabase } from "../support/test-database";

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

async function migrationsFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "emlab-migrations-"));
  folders.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migration runner", () => {
  it("applies the project's migrations in order and records them as Prisma does", async () => {
    const db = await createTestDatabase({ migrated: false });
    const report = await migrate(db.url, migrationsDir);
    const files = await readMigrations(migrationsDir);
    expect(report.applied).toEqual(files.map((f) => f.name));
    expect(files.length).toBeGreaterThan(0);

    const { rows } = await db.sql.query(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.checksum).toBe(createHash("sha256").update(files[i].sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    const tables = await db.sql.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Generation'`);
    expect(tables.rows[0].n).toBe(1);

    const again = await migrate(db.url, migrationsDir);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(files.length);
  });

  it("lets only one of several simultaneous runners apply each migration", async () => {
    const db = await createTestDatabase({ migrated: false });
    const dir = await migrationsFolder({
      "20260101000000_one": `CREATE TABLE counter (n int); INSERT INTO counter VALUES (1); SELECT pg_sleep(0.2);`,
      "20260102000000_two": `UPDATE counter SET n = n + 1;`,
    });
    const reports = await Promise.all([migrate(db.url, dir), migrate(db.url, dir), migrate(db.url, dir)]);
    expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, 2]);
    const history = await db.sql.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(history.rows[0].n).toBe(2);
    const counter = await db.sql.query(`SELECT n FROM counter`);
    expect(counter.rows).toEqual([{ n: 2 }]);
  });

  it("rolls a failing migration back completely and names it", async () => {
    const db = await createTestDatabase({ migrated: false });
    const dir = await migrationsFolder({
      "20260101000000_good": `CREATE TABLE kept (id int);`,
      "20260102000000_bad": `CREATE TABLE half_done (id int); INSERT INTO missing_table VALUES (1);`,
    });
    await expect(migrate(db.url, dir)).rejects.toThrow(/Migration 20260102000000_bad failed and was rolled back: .*missing_table/);
    const tables = await db.sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    expect(tables.rows.map((r) => r.tablename)).toEqual(["_prisma_migrations", "kept"]);
    const history = await db.sql.query(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(history.rows.map((r) => r.migration_name)).toEqual(["20260101000000_good"]);
  });

  it("warns about a migration edited after it was applied, and refuses after an unresolved failure", async () => {
    const db = await createTestDatabase({ migrated: false });
    const dir = await migrationsFolder({ "20260101000000_a": `CREATE TABLE a (id int);` });
    await migrate(db.url, dir);
    await writeFile(path.join(dir, "20260101000000_a", "migration.sql"), `CREATE TABLE a (id bigint);`);
    const report = await migrate(db.url, dir);
    expect(report.warnings).toEqual([expect.stringContaining("20260101000000_a was edited after it was applied")]);

    // A failure recorded by `prisma migrate deploy` (finished_at NULL) blocks further migrations.
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, applied_steps_count) VALUES ('00000000-0000-4000-8000-000000000000', 'x', '20260102000000_broken', 0)`,
    );
    await expect(migrate(db.url, dir)).rejects.toThrow(/20260102000000_broken failed earlier/);
  });
});
