// `prisma generate` without Prisma's engine download: generation itself needs no schema-engine
// binary, but the CLI insists one exists, so point it at any file when none is configured.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { projectRoot } from "../lib/db/project-paths";

export function generatePrismaClient(): void {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");
  const result = spawnSync(process.execPath, [cli, "generate"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) throw new Error(`prisma generate failed (exit ${result.status})`);
}

if (import.meta.url === `file://${process.argv[1]}`) generatePrismaClient();
