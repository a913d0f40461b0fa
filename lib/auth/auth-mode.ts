import { pgPool } from "@/lib/db/pg-pool";

// Once a user exists, sign-in is on for good (users are not expected to drop back to zero while
// running), so the "yes" is kept; a "no" is asked again on the next request, because a user can
// be created by the CLI in another process at any time. One indexed EXISTS per request in local mode.
let usersSeen = false;

export async function usersExist(): Promise<boolean> {
  if (usersSeen) return true;
  const { rows } = await pgPool().query<{ exists: boolean }>(`SELECT EXISTS (SELECT 1 FROM "User") AS exists`);
  usersSeen = rows[0].exists;
  return usersSeen;
}

/** Sign-in is required as soon as a user exists, or always with EMLAB_AUTH=1. */
export async function authRequired(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (env.EMLAB_AUTH === "1") return true;
  return usersExist();
}

/** For tests that remove every user: forget that users were seen. */
export function forgetUsersSeen(): void {
  usersSeen = false;
}
