import { headers } from "next/headers";
import { cache } from "react";
import { actorOf, requireRole } from "./authorize";
import { roleAllows, type Actor, type Role } from "./roles";

/** authorize() for server actions and server components: the same check on the current request's headers. */
export async function authorizeAction(role: Role): Promise<Actor> {
  return requireRole(await actorOf(await headers()), role);
}

/**
 * The current request's actor, or null when nobody is signed in (for the sidebar and pages).
 * Looked up once per request however many server components ask.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  try {
    return await actorOf(await headers());
  } catch {
    return null;
  }
});

/** Whether the current request's actor falls short of `role` (pages show RoleRequired then). */
export async function lacksRole(role: Role): Promise<boolean> {
  const actor = await currentActor();
  return !actor || (actor.kind === "user" && !roleAllows(actor.role, role));
}
