// Better Auth, configured for EM Lab: email + password (no sign-up: admins create users), sessions
// in our PostgreSQL (tables from our migrations), rate-limited sign-in, and every sign-in (and
// failed one) in the audit log.
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { pgPool } from "@/lib/db/pg-pool";
import { allowedOrigins } from "@/lib/network/request-origin";
import { recordAudit } from "./audit-log";
import { authSecret } from "./auth-secret";
import { FAILED_SIGN_IN_WINDOW_MINUTES, MAX_FAILED_SIGN_INS, recentFailedSignIns } from "./sign-in-limits";

export const SIGN_IN_PATH = "/sign-in/email";

function createAuth() {
  return betterAuth({
    appName: "EM Lab",
    basePath: "/api/auth",
    secret: authSecret(),
    database: pgPool(),
    baseURL: allowedOrigins(process.env)[0],
    trustedOrigins: allowedOrigins(process.env),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, autoSignIn: false },
    user: {
      modelName: "User",
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    session: { modelName: "Session", expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    account: { modelName: "Account" },
    verification: { modelName: "Verification" },
    advanced: { cookiePrefix: "emlab" },
    // Per IP, in this process; per email (across processes) in the hook below.
    rateLimit: { enabled: true, window: 60, max: 100, storage: "memory", customRules: { [SIGN_IN_PATH]: { window: 60, max: 10 } } },
    databaseHooks: {
      session: {
        create: {
          // A disabled user gets no new session.
          before: async (session) => {
            const { rows } = await pgPool().query<{ disabled: boolean }>(`SELECT disabled FROM "User" WHERE id = $1`, [session.userId]);
            if (!rows[0] || rows[0].disabled) return false;
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = String(ctx.body?.email ?? "");
        if ((await recentFailedSignIns(email)) >= MAX_FAILED_SIGN_INS) {
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `Too many failed sign-ins for this email: wait ${FAILED_SIGN_IN_WINDOW_MINUTES} minutes, or ask an admin.`,
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = String(ctx.body?.email ?? "").trim().toLowerCase();
        const session = ctx.context.newSession;
        if (session) {
          await recordAudit("auth.sign-in", { type: "User", id: session.user.id }, {}, { actor: { label: session.user.email, userId: session.user.id } });
        } else {
          await recordAudit("auth.sign-in-failed", null, {}, { actor: { label: email } });
        }
      }),
    },
    plugins: [nextCookies()],
  });
}

const globalForAuth = globalThis as unknown as { emlabAuth?: ReturnType<typeof createAuth> };

/** The process's Better Auth instance (made on first use, when DATABASE_URL is known). */
export function auth(): ReturnType<typeof createAuth> {
  return (globalForAuth.emlabAuth ??= createAuth());
}
