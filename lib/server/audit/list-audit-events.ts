import "server-only";
import { z } from "zod";
import { pgPool } from "@/lib/db/pg-pool";

export const AUDIT_PAGE_SIZE = 50;

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(254).optional().transform((v) => v || undefined),
  action: z.string().trim().max(64).optional().transform((v) => v || undefined),
  /** Keyset paging: events older than this id. */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export interface AuditEventRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  detail: Record<string, unknown> | null;
}

/** Newest first, filtered by actor (exact, case-insensitive) and action (prefix: "batch" matches batch.*), one page. */
export async function listAuditEvents(query: AuditQuery): Promise<{ events: AuditEventRow[]; nextBefore: number | null; actions: string[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.actor) where.push(`lower(actor) = lower($${params.push(query.actor)})`);
  if (query.action) where.push(`(action = $${params.push(query.action)} OR action LIKE $${params.push(`${query.action.replace(/[%_\\]/g, "\\$&")}.%`)})`);
  if (query.before) where.push(`id < $${params.push(query.before)}`);
  const { rows } = await pgPool().query<AuditEventRow>(
    `SELECT id, at, actor, action, "objectType", "objectId", detail FROM "AuditEvent"
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ${AUDIT_PAGE_SIZE + 1}`,
    params,
  );
  const more = rows.length > AUDIT_PAGE_SIZE;
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  const actions = (await pgPool().query<{ action: string }>(`SELECT DISTINCT action FROM "AuditEvent" ORDER BY action`)).rows.map((r) => r.action);
  return { events, nextBefore: more ? events[events.length - 1].id : null, actions };
}
