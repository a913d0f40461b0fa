import http from "node:http";
import { expect, test } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);

/** A raw request to the app on 127.0.0.1 with any Host header (fetch cannot forge Host). */
function raw(method: string, path: string, headers: Record<string, string>, body = ""): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("DNS rebinding fails: Host and Origin both the attacker's name, on routes, pages and server actions", async () => {
  const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
  const endpoint = await raw("POST", "/api/v1/endpoints", { ...evil, "content-type": "application/json" }, JSON.stringify({ name: "rebound", baseUrl: "https://api.example.com/v1", model: "m" }));
  expect(endpoint.status).toBe(403);
  expect(endpoint.text).toContain("This dashboard answers only at");
  // A server action is a POST to a page with a Next-Action header: refused before it is looked up.
  const action = await raw("POST", "/endpoints", { ...evil, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }, "[]");
  expect(action.status).toBe(403);
  expect((await raw("GET", "/api/v1/exports?format=jsonl", evil)).status).toBe(403);
  expect((await raw("GET", "/generations", evil)).status).toBe(403);
  // The dashboard's own names still work.
  expect((await raw("GET", "/api/health", { host: `localhost:${port}` })).status).toBe(200);
  expect((await raw("GET", "/api/health", { host: `127.0.0.1:${port}` })).status).toBe(200);
});

test("a cross-site form post to a server action is refused", async () => {
  const post = await raw("POST", "/endpoints", { host: `localhost:${port}`, origin: "https://evil.example", "next-action": "0".repeat(42) }, "[]");
  expect(post.status).toBe(403);
});

test("an endpoint naming DATABASE_URL as its key is refused with a field error, and nothing is saved", async ({ request }) => {
  const name = `leak-${Date.now().toString(36)}`;
  const response = await request.post("/api/v1/endpoints", { data: { name, baseUrl: "https://api.example.com/v1", model: "m", apiKeyEnv: "DATABASE_URL" } });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.fieldErrors.apiKeyEnv[0]).toContain("DATABASE_URL is not an allowed key variable");
  const list = await (await request.get("/api/v1/endpoints")).json();
  expect(list.map((e: { name: string }) => e.name)).not.toContain(name);
  const query = await request.post("/api/v1/endpoints", { data: { name, baseUrl: "https://evil.example/anything?", model: "m" } });
  expect(query.status()).toBe(400);
  expect((await query.json()).fieldErrors.baseUrl[0]).toContain("no query");
});
