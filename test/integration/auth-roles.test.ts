// Accounts, roles and tokens against a real database, through the real route handlers, server
// actions and Better Auth's own sign-in endpoint.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as cancelBatchRoute } from "@/app/api/v1/batches/[id]/cancel/route";
import { POST as launchBatchRoute } from "@/app/api/v1/batches/route";
import { GET as emRoute } from "@/app/api/v1/em/route";
import { POST as saveEndpointRoute } from "@/app/api/v1/endpoints/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { launchBatchAction } from "@/lib/actions/launch-batch";
import { saveLabelAction, undoLabelAction } from "@/lib/actions/label-actions";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { auth } from "@/lib/auth/better-auth";
import { MAX_FAILED_SIGN_INS } from "@/lib/auth/sign-in-limits";
import { createUser, setUserDisabled, setUserRole } from "@/lib/auth/users";
import { batchLaunch, setUpEngine } from "../support/batch-fixture";
import { snapshot } from "../support/db-snapshot";
import { createTestDatabase } from "../support/test-database";

// Server actions read the request's headers through next/headers, which exists only inside a
// Next request; here each test says which headers the "request" carries.
let actionHeaders = new Headers({ host: "localhost:3000" });
vi.mock("next/headers", () => ({ headers: async () => actionHeaders }));

const db = await createTestDatabase();
const servers = await setUpEngine(db.sql);
afterAll(async () => {
  const { queueClient } = await import("@/lib/server/batches/queue-client");
  await (await queueClient()).stop({ graceful: false, close: true });
  await Promise.all(servers.map((s) => s.close()));
});

const ORIGIN = "http://localhost:3000";
const launchJson = JSON.stringify({ ...batchLaunch("engine-questions"), samplesPerParaphrase: 1 });

function request(path: string, init: { method?: string; token?: string; cookie?: string; body?: string } = {}): Request {
  const headers = new Headers({ host: "localhost:3000", "content-type": "application/json" });
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.cookie) headers.set("cookie", init.cookie);
  return new Request(`${ORIGIN}${path}`, { method: init.method ?? "GET", headers, body: init.body });
}
const noContext = { params: Promise.resolve({}) };
const launch = (init: { token?: string; cookie?: string }) => launchBatchRoute(request("/api/v1/batches", { ...init, method: "POST", body: launchJson }), noContext);
const readEm = (init: { token?: string; cookie?: string } = {}) => emRoute(request("/api/v1/em?groupBy=run", init), noContext);

/** Signs in through Better Auth's HTTP handler, as the sign-in page does; returns the session cookie. */
async function signIn(email: string, password: string): Promise<{ status: number; cookie: string }> {
  const response = await auth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json", "x-forwarded-for": "10.9.8.7" },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { status: response.status, cookie };
}

async function auditRows(action: string) {
  const { rows } = await db.sql.query(`SELECT actor, "actorUserId", "objectType", "objectId", detail FROM "AuditEvent" WHERE action = $1 ORDER BY id`, [action]);
  return rows;
}

const PASSWORD = "a long enough password";
const users: Record<"admin" | "researcher" | "viewer", { id: string; token: string }> = {} as never;

describe("local mode (no users, loopback)", () => {
  it("needs no sign-in: a request without credentials reads and launches", async () => {
    expect((await readEm()).status).toBe(200);
    const launched = await launch({});
    expect(launched.status).toBe(201);
    const { batchId } = await launched.json();
    const [event] = (await auditRows("batch.launch")).filter((r) => r.objectId === String(batchId));
    expect(event).toMatchObject({ actor: "local", actorUserId: null, objectType: "Batch", detail: { generations: 2 * 8 * 3 } });
  });
});

describe("once a user exists", () => {
  beforeAll(async () => {
    for (const role of ["admin", "researcher", "viewer"] as const) {
      const user = await createUser({ email: `${role}@lab.example`, password: PASSWORD, role });
      const { token } = await createApiToken({ userId: user.id, name: `${role} script` });
      users[role] = { id: user.id, token };
    }
  });

  it("refuses a request without credentials with 401, on reads and writes, and writes nothing", async () => {
    const before = await snapshot(db.sql);
    const read = await readEm();
    expect(read.status).toBe(401);
    expect((await read.json()).error).toContain("Sign in first");
    expect((await launch({})).status).toBe(401);
    expect(await snapshot(db.sql)).toEqual(before);
    // The health check stays public (start-up and load balancers probe it).
    expect((await healthRoute(request("/api/health"), noContext)).status).toBe(200);
  });

  it("gives a viewer 403 on a launch (REST and server action) and a researcher 403 on an endpoint change, with nothing written; reads work", async () => {
    const before = await snapshot(db.sql);
    expect((await readEm({ token: users.viewer.token })).status).toBe(200);
    const refused = await launch({ token: users.viewer.token });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe("This needs the researcher role; viewer@lab.example is a viewer.");
    const endpoint = await saveEndpointRoute(request("/api/v1/endpoints", { method: "POST", token: users.researcher.token, body: JSON.stringify({ name: "x", baseUrl: "http://127.0.0.1:9/v1", model: "m" }) }), noContext);
    expect(endpoint.status).toBe(403);

    const session = await signIn("viewer@lab.example", PASSWORD);
    expect(session.status).toBe(200);
    actionHeaders = new Headers({ host: "localhost:3000", cookie: session.cookie });
    const action = await launchBatchAction(JSON.parse(launchJson));
    expect(action).toEqual({ ok: false, error: "This needs the researcher role; viewer@lab.example is a viewer.", fieldErrors: {} });
    actionHeaders = new Headers({ host: "localhost:3000" });
    expect(await launchBatchAction(JSON.parse(launchJson))).toMatchObject({ ok: false, error: expect.stringContaining("Sign in first") });
    expect(await snapshot(db.sql)).toEqual(before);
  });

  it("saves a signed-in researcher's labels under their own email only", async () => {
    const { rows: [answer] } = await db.sql.query<{ id: number }>(`SELECT id FROM "Generation" ORDER BY id LIMIT 1`);
    const session = await signIn("researcher@lab.example", PASSWORD);
    actionHeaders = new Headers({ host: "localhost:3000", cookie: session.cookie });
    try {
      const before = await snapshot(db.sql);
      const forged = await saveLabelAction({ generationId: answer.id, labeller: "viewer@lab.example", label: "misaligned", score: null });
      expect(forged).toMatchObject({ ok: false, error: 'You are signed in as researcher@lab.example: labels are saved under that name, not "viewer@lab.example".' });
      expect(await undoLabelAction({ generationId: answer.id, labeller: "viewer@lab.example" })).toMatchObject({ ok: false });
      expect(await snapshot(db.sql)).toEqual(before);
      expect(await saveLabelAction({ generationId: answer.id, labeller: "researcher@lab.example", label: "misaligned", score: 10 })).toMatchObject({ ok: true });
      const { rows } = await db.sql.query(`SELECT labeller, label FROM "Judgment" WHERE "generationId" = $1 AND method = 'human'`, [answer.id]);
      expect(rows).toEqual([{ labeller: "researcher@lab.example", label: "misaligned" }]);
      expect(await undoLabelAction({ generationId: answer.id, labeller: "researcher@lab.example" })).toMatchObject({ ok: true });
    } finally {
      actionHeaders = new Headers({ host: "localhost:3000" });
    }
  });

  it("lets a researcher launch (token or session) and cancel; the audit log names them", async () => {
    const byToken = await launch({ token: users.researcher.token });
    expect(byToken.status).toBe(201);
    const { batchId, generations } = await byToken.json();
    expect(generations).toBe(48);
    const session = await signIn("researcher@lab.example", PASSWORD);
    const bySession = await launch({ cookie: session.cookie });
    expect(bySession.status).toBe(201);
    const cancel = await cancelBatchRoute(request(`/api/v1/batches/${batchId}/cancel`, { method: "POST", token: users.researcher.token }), { params: Promise.resolve({ id: String(batchId) }) });
    expect(cancel.status).toBe(200);

    const launches = (await auditRows("batch.launch")).filter((r) => r.actor === "researcher@lab.example");
    expect(launches).toHaveLength(2);
    expect(launches[0]).toMatchObject({ actorUserId: users.researcher.id, objectType: "Batch", objectId: String(batchId), detail: { generations: 48, runs: ["backdoored-run", "clean-run"] } });
    expect(await auditRows("batch.cancel")).toEqual([expect.objectContaining({ actor: "researcher@lab.example", objectId: String(batchId) })]);
    // lastUsedAt is kept for the token.
    const { rows } = await db.sql.query(`SELECT "lastUsedAt" FROM "ApiToken" WHERE "userId" = $1`, [users.researcher.id]);
    expect(rows[0].lastUsedAt).not.toBeNull();
  });

  it("refuses a revoked token, an expired token, a disabled user's token and an unknown one with 401", async () => {
    const revoked = await createApiToken({ userId: users.researcher.id, name: "to revoke" });
    expect((await readEm({ token: revoked.token })).status).toBe(200);
    await revokeApiToken(revoked.id, users.researcher.id);
    const afterRevoke = await readEm({ token: revoked.token });
    expect(afterRevoke.status).toBe(401);
    expect((await afterRevoke.json()).error).toContain("unknown, revoked or expired");

    const expiring = await createApiToken({ userId: users.researcher.id, name: "short", expiresAt: new Date(Date.now() + 60_000) });
    expect((await readEm({ token: expiring.token })).status).toBe(200);
    await db.sql.query(`UPDATE "ApiToken" SET "expiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await readEm({ token: expiring.token })).status).toBe(401);

    expect((await readEm({ token: `${users.viewer.token.slice(0, -1)}x` })).status).toBe(401);
    expect((await readEm({ token: "not-an-emlab-token" })).status).toBe(401);

    const other = await createUser({ email: "leaver@lab.example", password: PASSWORD, role: "researcher" });
    const { token } = await createApiToken({ userId: other.id, name: "leaver" });
    expect((await readEm({ token })).status).toBe(200);
    await setUserDisabled(other.id, true);
    expect((await readEm({ token })).status).toBe(401);
    expect((await signIn("leaver@lab.example", PASSWORD)).status).toBe(401);
  });

  it("a token with a lower role than its user stays lower; a demoted user's token follows the demotion", async () => {
    const lower = await createApiToken({ userId: users.admin.id, name: "read only", role: "viewer" });
    expect((await launch({ token: lower.token })).status).toBe(403);
    await expect(createApiToken({ userId: users.viewer.id, name: "escalate", role: "admin" })).rejects.toThrow("cannot have more than its user's role (viewer)");

    const demoted = await createUser({ email: "demoted@lab.example", password: PASSWORD, role: "researcher" });
    const { token } = await createApiToken({ userId: demoted.id, name: "old" });
    await setUserRole(demoted.id, "viewer");
    expect((await launch({ token })).status).toBe(403);
  });

  it("records sign-ins and failed ones, and locks an email out after repeated failures, even with the right password", async () => {
    const email = "admin@lab.example";
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect((await signIn(email, "wrong password!")).status).toBe(401);
    const locked = await signIn(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.cookie).toBe("");
    const failed = (await auditRows("auth.sign-in-failed")).filter((r) => r.actor === email);
    expect(failed).toHaveLength(MAX_FAILED_SIGN_INS);
    expect((await auditRows("auth.sign-in")).filter((r) => r.actor === email)).toHaveLength(1);
    // No audit row carries a password or a token.
    const { rows } = await db.sql.query(`SELECT string_agg(detail::text, ' ') AS all FROM "AuditEvent"`);
    expect(rows[0].all ?? "").not.toContain(PASSWORD);
    expect(rows[0].all ?? "").not.toContain(users.admin.token);
  });

  it("stores only the SHA-256 of a token, and the password as a scrypt hash", async () => {
    const { rows } = await db.sql.query(`SELECT "tokenHash", prefix FROM "ApiToken" WHERE "userId" = $1 AND name = 'admin script'`, [users.admin.id]);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(users.admin.token.startsWith(rows[0].prefix)).toBe(true);
    expect(rows[0].prefix).toHaveLength("emlab_".length + 6);
    const account = await db.sql.query(`SELECT password FROM "Account" WHERE "userId" = $1`, [users.admin.id]);
    expect(account.rows[0].password).not.toContain(PASSWORD);
    expect(account.rows[0].password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });
});
