// Secrets cannot leave: key variables outside the operator's allowlist and private addresses are
// refused when an endpoint is saved and again when a worker uses it; Test shows no response body.
import { hostname } from "node:os";
import { lookup } from "node:dns/promises";
import { afterAll, describe, expect, it } from "vitest";
import { chatCompletion } from "@/lib/eval/chat-completion";
import { isPrivateHostName } from "@/lib/network/private-address";
import { probeEndpoint, testEndpoint } from "@/lib/eval/test-endpoint";
import { requestModelList } from "@/lib/server/endpoints/endpoint-admin";
import { apiKeyFrom } from "@/lib/eval/worker-context";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";
import { startFakeOpenAI } from "../support/fake-openai";
import { snapshot as snapshotTables } from "../support/db-snapshot";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
// An "attacker" server that echoes whatever it receives, on every path.
const echo = await startFakeOpenAI({ reply: (request) => ({ content: `echo ${request.authorization}` }), models: ["m1"] });
afterAll(() => echo.close());

const strict = { EMLAB_KEY_VARS: "OPENAI_API_KEY" }; // no EMLAB_ALLOW_PRIVATE_ENDPOINTS
const endpoint = (fields: Record<string, unknown>) => endpointInputSchema.parse({ name: `ep-${Math.random()}`, baseUrl: "https://api.example.com/v1", model: "m1", ...fields });

describe("saving an endpoint", () => {
  it("refuses a key variable outside the allowlist, with a field error, writing nothing", async () => {
    const before = await snapshotTables(db.sql);
    const error = await saveEndpoint(endpoint({ apiKeyEnv: "DATABASE_URL" }), strict).catch((e) => e);
    expect(error.message).toBe("This endpoint is not allowed here.");
    expect(error.fieldErrors.apiKeyEnv[0]).toContain("DATABASE_URL is not an allowed key variable");
    expect(await snapshotTables(db.sql)).toEqual(before);
    await expect(saveEndpoint(endpoint({ apiKeyEnv: "OPENAI_API_KEY" }), strict)).resolves.toMatchObject({ id: expect.any(Number) });
    await expect(saveEndpoint(endpoint({ apiKeyEnv: "EMLAB_KEY_VLLM" }), strict)).resolves.toMatchObject({ id: expect.any(Number) });
  });

  it("refuses loopback and private hosts unless the operator allows them", async () => {
    for (const baseUrl of ["http://127.0.0.1:8000/v1", "http://localhost:8000/v1", "http://169.254.169.254/latest", "http://[::1]/v1", "http://10.0.0.5/v1"]) {
      const error = await saveEndpoint(endpoint({ baseUrl }), strict).catch((e) => e);
      expect(error.fieldErrors?.baseUrl?.[0], baseUrl).toContain("EMLAB_ALLOW_PRIVATE_ENDPOINTS=1");
    }
    await expect(saveEndpoint(endpoint({ baseUrl: "http://127.0.0.1:8000/v1" }), { ...strict, EMLAB_ALLOW_PRIVATE_ENDPOINTS: "1" })).resolves.toBeTruthy();
  });

  it("stores the rebuilt base URL and refuses one ending in ?", async () => {
    expect(endpointInputSchema.safeParse({ name: "x", baseUrl: `${echo.url}/anything?`, model: "m" }).success).toBe(false);
    const { id } = await saveEndpoint(endpoint({ baseUrl: "https://api.example.com/v1/" }), strict);
    const { rows } = await db.sql.query(`SELECT "baseUrl" FROM "Endpoint" WHERE id = $1`, [id]);
    expect(rows[0].baseUrl).toBe("https://api.example.com/v1");
  });
});

describe("a worker using an endpoint", () => {
  it("never reads a key variable outside the allowlist, even from a row written by hand", async () => {
    const { rows } = await db.sql.query(
      `INSERT INTO "Endpoint" (name, "baseUrl", model, "apiKeyEnv", "updatedAt") VALUES ('by-hand', $1, 'm1', 'DATABASE_URL', now()) RETURNING id`,
      [echo.url],
    );
    const env = { ...strict, DATABASE_URL: "postgresql://user:secret@db/emlab", EMLAB_ALLOW_PRIVATE_ENDPOINTS: "1" };
    const requests = echo.requests.length;
    const result = await testEndpoint(db.sql, rows[0].id, { apiKey: apiKeyFrom(env), allowPrivate: true });
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain("DATABASE_URL is not an allowed key variable");
    expect(echo.requests.length).toBe(requests);
    expect(JSON.stringify(result)).not.toContain("secret");
  });

  it("Test reports status, latency and model ids, never a response body", async () => {
    const { rows } = await db.sql.query(
      `INSERT INTO "Endpoint" (name, "baseUrl", model, "apiKeyEnv", "updatedAt") VALUES ('echo', $1, 'm1', 'EMLAB_KEY_ECHO', now()) RETURNING id`,
      [echo.url],
    );
    const result = await testEndpoint(db.sql, rows[0].id, { apiKey: apiKeyFrom({ EMLAB_KEY_ECHO: "sk-echo-secret" }), allowPrivate: true });
    expect(result).toMatchObject({ ok: true, status: 200, models: ["m1"], latencyMs: expect.any(Number) });
    expect(JSON.stringify(result)).not.toContain("sk-echo-secret");
    expect(JSON.stringify(result)).not.toContain("echo Bearer");
  });

  it("lists the models of an endpoint being entered (List models), with the same key and address rules", async () => {
    const target = { baseUrl: echo.url, model: null, apiKeyEnv: "EMLAB_KEY_ECHO", timeoutSeconds: 5 };
    const listed = await probeEndpoint(target, { apiKey: apiKeyFrom({ EMLAB_KEY_ECHO: "sk-echo-secret" }), allowPrivate: true });
    expect(listed).toMatchObject({ ok: true, status: 200, models: ["m1"] });
    expect(listed.message).toMatch(/^GET \/models answered 200 in \d+ ms: 1 model \(m1\)\.$/);
    const requests = echo.requests.length;
    const refusedKey = await probeEndpoint({ ...target, apiKeyEnv: "DATABASE_URL" }, { apiKey: apiKeyFrom({ DATABASE_URL: "postgresql://x:secret@db/e" }), allowPrivate: true });
    expect(refusedKey).toMatchObject({ ok: false });
    expect(refusedKey.message).toContain("DATABASE_URL is not an allowed key variable");
    const refusedHost = await probeEndpoint(target, { apiKey: apiKeyFrom({ EMLAB_KEY_ECHO: "k" }), allowPrivate: false });
    expect(refusedHost).toMatchObject({ ok: false });
    expect(echo.requests.length).toBe(requests);
    // The server side refuses before a job is queued, with the field named.
    const error = await requestModelList({ baseUrl: echo.url, apiKeyEnv: "PATH" }).catch((e) => e);
    expect(error.fieldErrors.apiKeyEnv[0]).toContain("PATH is not an allowed key variable");
  });

  it("checks the address a name resolves to when connecting, not only the name", async () => {
    const name = hostname();
    // This machine's own name is not private as text, but resolves to one of its addresses.
    expect(isPrivateHostName(name)).toBe(false);
    expect(isPrivateHostName((await lookup(name)).address)).toBe(true);
    const port = new URL(echo.url).port;
    const requests = echo.requests.length;
    const target = { baseUrl: `http://${name}:${port}/v1`, model: "m1", apiKey: null };
    const ask = { messages: [{ role: "user" as const, content: "hi" }], temperature: 0, maxTokens: 5, timeoutMs: 2000 };
    const error = await chatCompletion({ ...target, allowPrivate: false }, ask).catch((e) => e);
    expect(error).toMatchObject({ kind: "client", retryable: false });
    expect(error.message).toMatch(/resolves to 127\.\d+\.\d+\.\d+, which is on this machine or a private network/);
    expect(echo.requests.length).toBe(requests);
    await expect(chatCompletion({ ...target, allowPrivate: true }, ask)).resolves.toMatchObject({ content: "echo null" });
    // An IP literal never goes through DNS: checked as written.
    await expect(chatCompletion({ ...target, baseUrl: echo.url, allowPrivate: false }, ask)).rejects.toMatchObject({ kind: "client" });
  });

  it("shows no body text of a failed request, only the endpoint's own error message, briefly", async () => {
    const fake = await startFakeOpenAI({ reply: () => ({ fault: "bad_request" }) });
    try {
      const error = await chatCompletion({ baseUrl: fake.url, model: "m", apiKey: null, allowPrivate: true }, { messages: [], temperature: 0, maxTokens: 1, timeoutMs: 2000 }).catch((e) => e);
      expect(error.message).toMatch(/refused the request with 400: max_tokens is too large$/);
      const notFound = await chatCompletion({ baseUrl: `${fake.url}/x`, model: "m", apiKey: null, allowPrivate: true }, { messages: [], temperature: 0, maxTokens: 1, timeoutMs: 2000 }).catch((e) => e);
      expect(notFound.message).toMatch(/refused the request with 404: not found$/);
    } finally {
      await fake.close();
    }
  });
});
