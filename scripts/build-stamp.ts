// Decides whether `next build` must run: a fingerprint of the sources the build reads (paths,
// sizes, modification times), compared with the one stored beside the last build.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../lib/db/project-paths";

const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "prisma/schema.prisma", "next.config.js", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const STAMP = path.join(projectRoot, ".next", "emlab-build-stamp");

function walk(target: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(target)) return;
  const info = statSync(target);
  if (info.isDirectory()) {
    for (const name of readdirSync(target).sort()) {
      if (!SKIP.has(name)) walk(path.join(target, name), hash);
    }
  } else {
    hash.update(`${path.relative(projectRoot, target)}:${info.size}:${info.mtimeMs}\n`);
  }
}

export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(path.join(projectRoot, input), hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(path.join(projectRoot, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceFingerprint();
}

export function recordBuild(): void {
  writeFileSync(STAMP, sourceFingerprint());
}
