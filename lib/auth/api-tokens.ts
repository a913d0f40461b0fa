// Personal API tokens: `emlab_` + 256 random bits, shown once; only their SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import { pgPool } from "@/lib/db/pg-pool";
import { prisma } from "@/lib/db/prisma";
import { UserError } from "@/lib/errors";
import { recordAudit } from "./audit-log";
import { isRole, roleAllows, type Actor, type Role } from "./roles";

export const TOKEN_PREFIX = "emlab_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** "30d", "12h", "90m" or a date (2027-01-31): when a token made now expires. */
export function expiryFrom(text: string, now = new Date()): Date {
  const t = text.trim();
  const relative = /^(\d{1,5})\s*([dhm])$/i.exec(t);
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2].toLowerCase() as "d" | "h" | "m"];
    const amount = Number(relative[1]);
    if (amount < 1) throw new UserError(`Expiry "${t}" must be at least 1.`, { expires: ["Must be at least 1."] });
    return new Date(now.getTime() + amount * unit);
  }
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(t) ? new Date(t) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new UserError(`Expiry "${t.slice(0, 40)}" is not 30d, 12h, 90m or a date such as 2027-01-31.`, { expires: ["Use 30d, 12h, 90m or a date."] });
  if (date <= now) throw new UserError(`Expiry ${t} is in the past.`, { expires: ["Must be in the future."] });
  return date;
}

export interface NewToken {
  id: number;
  name: string;
  /** The whole token: shown once, never stored. */
  token: string;
  prefix: string;
  role: Role;
  expiresAt: Date | null;
}

export async function createApiToken(input: { userId: string; name: string; role?: Role | null; expiresAt?: Date | null }): Promise<NewToken> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new UserError("A token needs a name of 1 to 100 characters.", { name: ["1 to 100 characters."] });
  const user = await prisma().user.findUnique({ where: { id: input.userId }, select: { role: true, disabled: true } });
  if (!user || user.disabled) throw new UserError("That user does not exist or is disabled.", {}, 404);
  const role = input.role ?? user.role;
  if (!roleAllows(user.role, role)) throw new UserError(`A token cannot have more than its user's role (${user.role}).`, { role: [`At most ${user.role}.`] });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const row = await prisma().apiToken.create({
    data: { userId: input.userId, name, prefix, tokenHash: hashToken(token), role: input.role ?? null, expiresAt: input.expiresAt ?? null },
  });
  await recordAudit("token.create", { type: "ApiToken", id: row.id }, { name, prefix, role, expiresAt: row.expiresAt?.toISOString() ?? null });
  return { id: row.id, name, token, prefix, role, expiresAt: row.expiresAt };
}

export async function listApiTokens(userId: string) {
  return prisma().apiToken.findMany({
    where: { userId },
    orderBy: { id: "desc" },
    select: { id: true, name: true, prefix: true, role: true, expiresAt: true, lastUsedAt: true, revokedAt: true, createdAt: true },
  });
}

/** Revokes a token of `userId` (or of anyone, when `userId` is null: the CLI and admins). */
export async function revokeApiToken(id: number, userId: string | null): Promise<{ id: number; name: string }> {
  const token = await prisma().apiToken.findUnique({ where: { id }, select: { id: true, name: true, userId: true, revokedAt: true } });
  if (!token || (userId !== null && token.userId !== userId)) throw new UserError(`Token ${id} does not exist.`, {}, 404);
  if (!token.revokedAt) {
    await prisma().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit("token.revoke", { type: "ApiToken", id }, { name: token.name });
  }
  return { id: token.id, name: token.name };
}

// lastUsedAt is written at most once a minute per token, so a busy script does not turn every
// read into a write.
const LAST_USED_EVERY_MS = 60_000;

/** The actor a bearer token stands for, or null when it is unknown, revoked, expired or its user disabled. */
export async function actorFromToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // One indexed query (tokenHash is unique) on every authenticated REST call. Times are compared
  // in SQL, where the columns are UTC wall-clock times as Prisma writes them.
  const { rows } = await pgPool().query<{ id: number; role: Role | null; expired: boolean; revoked: boolean; staleUse: boolean; userId: string; email: string; userRole: Role; disabled: boolean }>(
    `SELECT t.id, t.role::text AS role,
            coalesce(t."expiresAt" <= (now() AT TIME ZONE 'UTC'), false) AS expired,
            t."revokedAt" IS NOT NULL AS revoked,
            coalesce(t."lastUsedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $2), true) AS "staleUse",
            u.id AS "userId", u.email, u.role::text AS "userRole", u.disabled
       FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = $1`,
    [hashToken(token), LAST_USED_EVERY_MS / 1000],
  );
  const row = rows[0];
  if (!row || row.revoked || row.expired || row.disabled) return null;
  if (row.staleUse) await pgPool().query(`UPDATE "ApiToken" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1`, [row.id]);
  // A token never exceeds its user's current role, even if the user was demoted after it was made.
  const role = row.role && roleAllows(row.userRole, row.role) ? row.role : row.userRole;
  return { kind: "user", userId: row.userId, email: row.email, role: isRole(role) ? role : "viewer", via: "token" };
}
