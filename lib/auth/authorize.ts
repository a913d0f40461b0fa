// Who is asking, and may they? The one entry point the guard (lib/guard.ts) calls for every REST
// route; server actions use authorizeAction (authorize-action.ts), pages the proxy (proxy.ts).
import { UserError } from "@/lib/errors";
import { actorFromToken } from "./api-tokens";
import { authRequired } from "./auth-mode";
import { auth } from "./better-auth";
import { isRole, roleAllows, type Actor, type Role } from "./roles";

export type { Actor, Role } from "./roles";

/**
 * The actor behind these request headers: a bearer token's user, a signed-in session's user, or
 * the local user when sign-in is off (a loopback-only instance without users). Null when sign-in
 * is required and there is no valid session. A bearer token that is unknown, revoked or expired
 * is an error (401), never a fallback to the session.
 */
export async function actorOf(headers: Headers): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const actor = bearer ? await actorFromToken(bearer[1]) : null;
    if (!actor) throw new UserError("The API token is unknown, revoked or expired (send `Authorization: Bearer emlab_...`).", {}, 401);
    return actor;
  }
  if (!(await authRequired())) return { kind: "local" };
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: unknown; disabled?: unknown };
  if (user.disabled === true) return null;
  return { kind: "user", userId: user.id, email: user.email, role: isRole(user.role) ? user.role : "viewer", via: "session" };
}

/** Throws UserError 401 (nobody signed in) or 403 (a lower role) unless `actor` may act as `role`. */
export function requireRole(actor: Actor | null, role: Role): Actor {
  if (!actor) throw new UserError("Sign in first (or send an API token: `Authorization: Bearer emlab_...`).", {}, 401);
  if (actor.kind === "local" || roleAllows(actor.role, role)) return actor;
  throw new UserError(`This needs the ${role} role; ${actor.email} is a ${actor.role}.`, {}, 403);
}

/** The actor of `request` if they hold at least `role`; UserError 401/403 otherwise. */
export async function authorize(request: Request, role: Role): Promise<Actor> {
  return requireRole(await actorOf(request.headers), role);
}
