// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as it
// was at the last commit (git HEAD) to prisma/schema.prisma as it is now.
// Usage: npm run db:migration -- <name> [--from-empty]
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrationsDir, projectRoot } from "../lib/db/project-paths";
import { datamodelTarget, diffSql } from "./schema-engine";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case> [--from-empty]");
  process.exit(2);
}

function committedSchema(): string | null {
  if (args.includes("--from-empty")) return null;
  try {
    return execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

const current = await readFile(path.join(projectRoot, "prisma", "schema.prisma"), "utf8");
const previous = committedSchema();
const scratch = path.join(tmpdir(), `emlab-migration-${process.pid}`);
const server = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ clusterDir: path.join(scratch, "postgres") });
try {
  const url = process.env.DATABASE_URL ?? server!.url("postgres");
  const sql = await diffSql(url, previous ? datamodelTarget(previous) : { tag: "empty" }, datamodelTarget(current));
  if (!sql.trim()) {
    console.log("schema.prisma matches the committed schema: no migration needed.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(projectRoot, dir)}/migration.sql`);
  }
} finally {
  await server?.stop();
  await rm(scratch, { recursive: true, force: true });
}
