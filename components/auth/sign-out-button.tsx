"use client";

/** Ends the session (Better Auth's /api/auth/sign-out) and goes to the sign-in page. */
export function SignOutButton() {
  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => {});
    window.location.assign("/sign-in");
  }
  return (
    <button type="button" className="link sign-out" onClick={signOut}>
      Sign out
    </button>
  );
}
