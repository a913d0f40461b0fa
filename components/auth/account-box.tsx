import type { Actor } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";

/** Who is signed in, at the foot of the sidebar; or that this is local mode. */
export function AccountBox({ actor }: { actor: Actor | null }) {
  if (!actor) return null;
  if (actor.kind === "local") {
    return (
      <p className="account muted" title="No users exist and the dashboard listens on loopback only. Create a user (npm run -s emlab -- user add EMAIL --admin) to require sign-in.">
        Local mode, no sign-in
      </p>
    );
  }
  return (
    <div className="account" aria-label="Signed in">
      <span className="account-email">{actor.email}</span> <span className="account-role">{actor.role}</span>
      <SignOutButton />
    </div>
  );
}
