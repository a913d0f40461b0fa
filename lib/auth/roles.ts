// The three roles and what each may do; pure, shared by the server, the CLI and the pages.
export type Role = "viewer" | "researcher" | "admin";

export const ROLES: readonly Role[] = ["viewer", "researcher", "admin"];

export const ROLE_DUTIES: Record<Role, string> = {
  viewer: "reads every page and REST GET",
  researcher: "also imports, launches, cancels and resumes batches, re-judges and labels",
  admin: "also manages endpoints, users and the audit log",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `held` allows what `needed` requires (admin > researcher > viewer). */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** Who made a request: the single user of a local-mode instance, or a user by session or token. */
export type Actor = { kind: "local" } | { kind: "user"; userId: string; email: string; role: Role; via: "session" | "token" };

/** How an actor is named in the audit log. */
export function actorLabel(actor: Actor | null): string {
  if (!actor) return "cli";
  return actor.kind === "local" ? "local" : actor.email;
}
