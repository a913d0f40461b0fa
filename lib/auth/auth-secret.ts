import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/project-paths";

/** Where the generated session-signing secret lives: `auth-secret` in the data folder, mode 0600. */
export function authSecretPath(): string {
  return path.join(dataDir(), "auth-secret");
}

/**
 * The secret that signs session cookies: EMLAB_AUTH_SECRET when set (at least 32 characters),
 * else the one generated into the data folder on first use (0600, readable by this user only).
 */
export function authSecret(env: Record<string, string | undefined> = process.env): string {
  const configured = env.EMLAB_AUTH_SECRET?.trim();
  if (configured) {
    if (configured.length < 32) throw new Error("EMLAB_AUTH_SECRET must be at least 32 characters (for example `openssl rand -base64 32`).");
    return configured;
  }
  const file = authSecretPath();
  try {
    const existing = readFileSync(file, "utf8").trim();
    // A secret others can read is no secret: tighten it rather than refuse.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
