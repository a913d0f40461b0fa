import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { defaultRole, formAction, MAX_JSON_BODY_BYTES, multipartBody, route, UserError } from "@/lib/guard";
import { allowedOrigins, originProblem } from "@/lib/network/request-origin";
import { createTestDatabase } from "../support/test-database";

// Server actions read the request's headers through next/headers, which only exists inside a
// Next request: here the request is a plain loopback one (local mode: no users in this database).
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000" }) }));

beforeAll(async () => {
  await createTestDatabase();
});

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

describe("the edge guard", () => {
  const schema = z.object({ name: z.string().min(1, "Name is required."), count: z.coerce.number().int() });

  it("passes parsed input to the handler and wraps its result", async () => {
    const action = formAction(schema, async (input) => ({ doubled: input.count * 2, name: input.name }), "viewer");
    expect(await action(null, form({ name: "a", count: "21" }))).toEqual({ ok: true, data: { doubled: 42, name: "a" } });
  });

  it("returns field errors and the submitted values without calling the handler", async () => {
    let called = false;
    const action = formAction(
      schema,
      async () => {
        called = true;
      },
      "viewer",
    );
    const result = await action(null, form({ name: "", count: "2.5" }));
    expect(called).toBe(false);
    expect(result).toEqual({
      ok: false,
      error: "Some fields are invalid.",
      fieldErrors: { name: ["Name is required."], count: [expect.stringContaining("int")] },
      values: { name: "", count: "2.5" },
    });
  });

  it("maps a UserError to its message and an unexpected error to a generic one", async () => {
    const user = formAction(
      schema,
      async () => {
        throw new UserError("Taken.", { name: ["Already exists."] });
      },
      "viewer",
    );
    expect(await user(null, form({ name: "a", count: "1" }))).toMatchObject({ ok: false, error: "Taken.", fieldErrors: { name: ["Already exists."] } });

    const original = console.error;
    console.error = () => {};
    try {
      const crash = formAction(
        schema,
        async () => {
          throw new Error("connection string postgresql://user:secret@host");
        },
        "viewer",
      );
      const result = await crash(null, form({ name: "a", count: "1" }));
      expect(result).toMatchObject({ ok: false, error: "Something went wrong on the server; the error was logged." });
      expect(JSON.stringify(result)).not.toContain("secret");
    } finally {
      console.error = original;
    }
  });

  it("refuses state-changing requests from another site, and allows its own and scripts", async () => {
    const handler = route({ tag: "test", summary: "test", response: {} }, async () => ({ done: true }));
    const post = (headers: Record<string, string>) => handler(new Request("http://localhost:3000/api/v1/imports", { method: "POST", headers }));
    expect((await post({ host: "localhost:3000", origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ host: "localhost:3000", origin: "null" })).status).toBe(403);
    expect((await post({ host: "localhost:3000", origin: "http://localhost:3000" })).status).toBe(200);
    expect((await post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).status).toBe(200);
    expect((await post({ host: "localhost:3000" })).status).toBe(200);
    const get = await handler(new Request("http://localhost:3000/api/v1/em", { headers: { host: "localhost:3000", origin: "https://evil.example" } }));
    expect(get.status).toBe(200);
  });

  it("refuses DNS rebinding: Host and Origin both the attacker's name", async () => {
    const handler = route({ tag: "test", summary: "test", response: {} }, async () => ({ done: true }));
    const rebound = { host: "evil.example:3000", origin: "http://evil.example:3000" };
    const post = await handler(new Request("http://evil.example:3000/api/v1/batches", { method: "POST", headers: rebound }));
    expect(post.status).toBe(403);
    expect((await post.json()).error).toContain("This dashboard answers only at http://localhost:3000");
    // Reads too: a rebound page must not read results either.
    const get = await handler(new Request("http://evil.example:3000/api/v1/exports", { headers: rebound }));
    expect(get.status).toBe(403);
    const forwarded = await handler(new Request("http://localhost:3000/api/v1/batches", { method: "POST", headers: { host: "localhost:3000", "x-forwarded-host": "evil.example" } }));
    expect(forwarded.status).toBe(403);
  });

  it("takes its origins from EMLAB_ORIGIN, or the loopback names on PORT", () => {
    expect(allowedOrigins({ PORT: "3402" })).toEqual(["http://localhost:3402", "http://127.0.0.1:3402", "http://[::1]:3402"]);
    const env = { EMLAB_ORIGIN: "https://emlab.lab.example, http://10.0.0.5:8080" };
    expect(allowedOrigins(env)).toEqual(["https://emlab.lab.example", "http://10.0.0.5:8080"]);
    expect(originProblem({ method: "POST", host: "emlab.lab.example", forwardedHost: null, origin: "https://emlab.lab.example" }, env)).toBeNull();
    expect(originProblem({ method: "POST", host: "localhost:3000", forwardedHost: null, origin: null }, env)).toContain("answers only at");
    expect(originProblem({ method: "POST", host: "emlab.lab.example", forwardedHost: null, origin: "http://emlab.lab.example" }, env)).toBe("Requests from other sites are refused.");
  });

  it("gives routes JSON errors with the right status", async () => {
    const handler = route({ tag: "test", summary: "test", body: schema, response: { status: 201 } }, async ({ body }) => {
      if (body.name === "missing") throw new UserError("No such thing.", {}, 404);
      return { hello: body.name, count: body.count };
    });
    const call = (body: string) => handler(new Request("http://localhost:3000/", { method: "POST", headers: { host: "localhost:3000" }, body }));
    const ok = await call(JSON.stringify({ name: "a", count: "3" }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ hello: "a", count: 3 });
    const bad = await call(JSON.stringify({ name: "", count: 1 }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Some fields are invalid.", fieldErrors: { name: ["Name is required."] } });
    const missing = await call(JSON.stringify({ name: "missing", count: 1 }));
    expect(missing.status).toBe(404);
    const huge = await call(JSON.stringify({ name: "a".repeat(MAX_JSON_BODY_BYTES), count: 1 }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toBe("The request body is larger than 4 MB.");
    const notJson = await call("{name: a");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toBe("The request body is not valid JSON.");
  });

  it("parses params and query with the spec's schemas before the handler runs", async () => {
    let calls = 0;
    const handler = route(
      { tag: "test", summary: "test", params: z.object({ id: z.coerce.number().int().positive() }), query: z.object({ tags: z.array(z.string()).or(z.string()).optional(), n: z.coerce.number().default(5) }), response: {} },
      async ({ params, query }) => {
        calls++;
        return { id: params.id, doubled: query.n * 2, tags: query.tags };
      },
    );
    const get = (url: string, id: string) => handler(new Request(url, { headers: { host: "localhost:3000" } }), { params: Promise.resolve({ id }) });
    expect(await (await get("http://localhost:3000/x?tags=a&tags=b", "7")).json()).toEqual({ id: 7, doubled: 10, tags: ["a", "b"] });
    expect(await (await get("http://localhost:3000/x?n=21", "7")).json()).toEqual({ id: 7, doubled: 42 });
    const bad = await get("http://localhost:3000/x?n=abc", "-1");
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).fieldErrors).sort()).toEqual(["id"]);
    const badQuery = await get("http://localhost:3000/x?n=abc", "1");
    expect((await badQuery.json()).fieldErrors).toHaveProperty("n");
    expect(calls).toBe(2);
  });

  it("streams a multipart file to a temporary path, parses its fields, and deletes it after the handler", async () => {
    let seen: { path: string; text: string; run: string } | null = null;
    const handler = route(
      { tag: "test", summary: "test", body: multipartBody({ file: "a file", fields: z.object({ run: z.string().min(1, "Name the run.") }), maxBytes: () => 64 }), response: {} },
      async ({ body }) => {
        seen = { path: body.file.filePath, text: await readFile(body.file.filePath, "utf8"), run: body.fields.run };
        return { name: body.file.fileName };
      },
    );
    const post = (content: string, run: string) => {
      const form = new FormData();
      form.set("run", run);
      form.set("file", new Blob([content]), "answers.csv");
      return handler(new Request("http://localhost:3000/api/v1/imports", { method: "POST", headers: { host: "localhost:3000" }, body: form }));
    };
    const ok = await post("question,answer\n", "r1");
    expect(await ok.json()).toEqual({ name: "answers.csv" });
    expect(seen).toMatchObject({ text: "question,answer\n", run: "r1" });
    expect(existsSync(seen!.path)).toBe(false);
    const tooBig = await post("x".repeat(65), "r1");
    expect(tooBig.status).toBe(422);
    expect((await tooBig.json()).error).toBe("answers.csv: file is larger than the 64 bytes import limit");
    const noRun = await post("a", "");
    expect(await noRun.json()).toEqual({ error: "Some fields are invalid.", fieldErrors: { run: ["Name the run."] } });
  });

  it("defaults the role by method: GET viewer, others researcher", () => {
    expect(defaultRole("GET")).toBe("viewer");
    expect(defaultRole("HEAD")).toBe("viewer");
    expect(defaultRole("POST")).toBe("researcher");
    expect(defaultRole("DELETE")).toBe("researcher");
  });
});
