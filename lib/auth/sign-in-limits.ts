import { pgPool } from "@/lib/db/pg-pool";

/** Failed sign-ins for one email within the window after which further attempts are refused. */
export const MAX_FAILED_SIGN_INS = 5;
export const FAILED_SIGN_IN_WINDOW_MINUTES = 15;

/**
 * Failed sign-ins recorded for this email (any IP) in the last window, from the audit log, so the
 * count holds across restarts and web server processes.
 */
export async function recentFailedSignIns(email: string): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent"
      WHERE action = 'auth.sign-in-failed' AND actor = $1 AND at > now() - make_interval(mins => $2)`,
    [email.trim().toLowerCase().slice(0, 254), FAILED_SIGN_IN_WINDOW_MINUTES],
  );
  return rows[0].n;
}
