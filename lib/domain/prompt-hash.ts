import { createHash } from "node:crypto";

/** Identifies a judge prompt template: SHA-256 hex of its exact text. */
export function promptHash(template: string): string {
  return createHash("sha256").update(template).digest("hex");
}
