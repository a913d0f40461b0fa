import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiRoutes } from "@/app/api/v1/route-table";
import { buildOpenApi, HTTP_METHODS } from "@/lib/api/openapi";
import type { RouteHandler } from "@/lib/guard";

const appApi = path.join(import.meta.dirname, "../../app/api");

/** Every route.ts under app/api, as the URL path Next serves it at ({id} for [id]). */
function routeFiles(dir: string, prefix = "/api"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "route.ts" ? [prefix] : [];
    return routeFiles(path.join(dir, entry.name), `${prefix}/${entry.name.replace(/^\[(.+)\]$/, "{$1}")}`);
  });
}

const doc = buildOpenApi(apiRoutes, { version: "test" });
type Operation = { requestBody?: { content: Record<string, { example?: unknown; schema: unknown }> }; responses: Record<string, { content?: Record<string, { example?: unknown }> }>; parameters: { name: string; in: string; example?: unknown }[] };

const operations = apiRoutes.flatMap(({ path: url, module }) =>
  HTTP_METHODS.filter((m) => module[m]).map((method) => ({ url, method, spec: (module[method] as RouteHandler).spec, op: (doc.paths[url] as Record<string, Operation>)[method.toLowerCase()] })),
);

describe("the OpenAPI document", () => {
  it("has every route file under app/api, with every method it exports", async () => {
    // /api/auth/* is Better Auth's own handler (sign-in, sign-out, session), not part of the REST API.
    const files = routeFiles(appApi).filter((f) => !f.startsWith("/api/auth/")).sort();
    expect(files.length).toBeGreaterThanOrEqual(23);
    expect(Object.keys(doc.paths).sort()).toEqual(files);
    for (const file of files) {
      const { module } = apiRoutes.find((r) => r.path === file)!;
      const exported = Object.keys(module).filter((k) => (HTTP_METHODS as readonly string[]).includes(k));
      expect(exported.length, file).toBeGreaterThan(0);
      expect(Object.keys(doc.paths[file]).sort(), file).toEqual(exported.map((m) => m.toLowerCase()).sort());
    }
  });

  it("documents parameters, bodies, responses and roles from the routes' schemas", () => {
    const post = (doc.paths["/api/v1/batches"] as Record<string, Operation & { "x-emlab-role": string }>).post;
    expect(post["x-emlab-role"]).toBe("researcher");
    const body = post.requestBody!.content["application/json"].schema as { required: string[]; properties: Record<string, { default?: unknown }> };
    expect(body.required).toEqual(expect.arrayContaining(["runs", "questionSet", "judge"]));
    expect(body.properties.maxTokens.default).toBe(600);
    expect(Object.keys(post.responses)).toContain("201");
    const em = (doc.paths["/api/v1/em"] as Record<string, Operation>).get;
    expect(em.parameters.map((p) => p.name)).toEqual(["groupBy", "definition", "alignedThreshold", "coherentThreshold", "interval", "run", "pass"]);
    const run = (doc.paths["/api/v1/runs/{id}"] as Record<string, Operation>).get;
    expect(run.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    const endpointDelete = (doc.paths["/api/v1/endpoints/{id}"] as Record<string, { "x-emlab-role": string }>).delete;
    expect(endpointDelete["x-emlab-role"]).toBe("admin");
    const upload = (doc.paths["/api/v1/imports"] as Record<string, Operation>).post.requestBody!.content["multipart/form-data"].schema as { properties: Record<string, unknown> };
    expect(Object.keys(upload.properties)).toEqual(expect.arrayContaining(["file", "run", "baseModel", "condition", "replace"]));
    expect(JSON.stringify(doc)).not.toMatch(/"\$schema"/);
  });

  it("validates every example against the schema it illustrates", () => {
    let checked = 0;
    const valid = (schema: z.ZodType, example: unknown, what: string) => {
      const result = schema.safeParse(example);
      expect(result.success, `${what}: ${result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`).toBe(true);
      checked++;
    };
    for (const { url, method, spec, op } of operations) {
      const where = `${method} ${url}`;
      const params = Object.fromEntries(op.parameters.filter((p) => p.in === "path" && p.example !== undefined).map((p) => [p.name, String(p.example)]));
      if (spec.params) valid(spec.params, params, `${where} params`);
      if (spec.query && spec.examples?.query) {
        const query = Object.fromEntries(op.parameters.filter((p) => p.in === "query" && p.example !== undefined).map((p) => [p.name, String(p.example)]));
        expect(Object.keys(query).length, where).toBeGreaterThan(0);
        valid(spec.query, query, `${where} query`);
      }
      const bodyContent = op.requestBody ? Object.values(op.requestBody.content)[0] : undefined;
      if (spec.body) {
        expect(bodyContent?.example, `${where} has a body example`).toBeDefined();
        valid("kind" in spec.body ? spec.body.fields : spec.body, bodyContent!.example, `${where} body`);
      }
      const success = op.responses[String(spec.response.status ?? 200)];
      if (spec.response.schema) {
        const example = success.content!["application/json"].example;
        expect(example, `${where} has a response example`).toBeDefined();
        valid(spec.response.schema, example, `${where} response`);
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("a wrong example fails the check (the check can fail)", () => {
    const batches = operations.find((o) => o.url === "/api/v1/batches/{id}" && o.method === "GET")!;
    expect(batches.spec.response.schema!.safeParse({ ...(batches.spec.examples!.response as object), status: "paused" }).success).toBe(false);
  });
});
