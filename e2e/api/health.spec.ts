import { expect, test } from "@playwright/test";

test("GET /api/health reports a reachable, fully migrated database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database).toMatchObject({ reachable: true, pendingMigrations: [] });
  expect(body.database.serverVersion).toMatch(/^\d+/);
  expect(typeof body.database.runs).toBe("number");
  expect(JSON.stringify(body)).not.toMatch(/password|emlab-local/);
});
