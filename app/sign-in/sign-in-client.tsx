"use client";
import { useState } from "react";

/** Posts to Better Auth's /api/auth/sign-in/email; on success the whole app reloads signed in. */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      setError(response.status === 429 ? body.message || "Too many sign-in attempts: wait a minute and try again." : "Wrong email or password, or the account is disabled.");
    } catch {
      setError("The dashboard did not answer; try again.");
    }
    setPending(false);
  }
  return (
    <form action={submit} className="panel" aria-label="Sign in">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label className="field">
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}
