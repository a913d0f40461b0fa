import type pg from "pg";
import { pgPool } from "@/lib/db/pg-pool";
import { requestActor } from "./actor-context";
import { actorLabel, type Actor } from "./roles";

export type AuditAction =
  | "import.create"
  | "batch.launch"
  | "batch.cancel"
  | "batch.resume"
  | "rejudge.launch"
  | "rejudge.cancel"
  | "rejudge.resume"
  | "endpoint.save"
  | "endpoint.delete"
  | "endpoint.test"
  | "user.create"
  | "user.role"
  | "user.disable"
  | "user.enable"
  | "user.remove"
  | "token.create"
  | "token.revoke"
  | "auth.sign-in"
  | "auth.sign-in-failed";

export interface AuditObject {
  type: string;
  id: string | number;
}

/** Small, secret-free facts only: counts, names, roles. Strings are cut to 200 characters. */
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

function bounded(detail: AuditDetail): AuditDetail | null {
  if (!Object.keys(detail).length) return null;
  const out: AuditDetail = {};
  for (const [key, value] of Object.entries(detail)) {
    out[key] = typeof value === "string" ? value.slice(0, 200) : Array.isArray(value) ? value.slice(0, 20).map((v) => v.slice(0, 200)) : value;
  }
  return out;
}

export interface AuditOptions {
  /** Who acted: by default the request's actor (set by the guard), else "cli". */
  actor?: Actor | null | { label: string; userId?: string };
  /** A transaction's client, so the event commits (or rolls back) with what it records. */
  db?: pg.ClientBase;
}

/** Appends one audit event. Outside a transaction a failure is logged, never thrown into the action it records. */
export async function recordAudit(action: AuditAction, object: AuditObject | null, detail: AuditDetail = {}, options: AuditOptions = {}): Promise<void> {
  const actor = options.actor === undefined ? requestActor() : options.actor;
  const label = actor && "label" in actor ? actor.label : actorLabel(actor);
  const userId = actor && "label" in actor ? (actor.userId ?? null) : actor?.kind === "user" ? actor.userId : null;
  const insert = () =>
    (options.db ?? pgPool()).query(
      `INSERT INTO "AuditEvent" ("actorUserId", actor, action, "objectType", "objectId", detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [userId, label.slice(0, 254), action, object?.type ?? null, object ? String(object.id) : null, bounded(detail)],
    );
  if (options.db) {
    await insert();
    return;
  }
  try {
    await insert();
  } catch (error) {
    console.error(`[audit] could not record ${action}: ${(error as Error).message}`);
  }
}
