import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in lib/db/). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const migrationsDir = path.join(projectRoot, "prisma", "migrations");

/** Where the embedded database keeps its files: EMLAB_DATA_DIR, or .emlab/ in the repository. */
export function dataDir(): string {
  return path.resolve(process.env.EMLAB_DATA_DIR || path.join(projectRoot, ".emlab"));
}
