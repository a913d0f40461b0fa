// The OpenAPI 3.1 document of the REST API, built from the routes' own specs (the zod schemas the
// guard parses with), so the contract cannot drift from what the routes accept and answer.
import { z } from "zod";
import { defaultRole, type RouteHandler } from "@/lib/guard";
import { errorResponseSchema } from "./response-schemas";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route file: its URL path (Next's [id] written {id}) and its module's exports. */
export interface ApiRouteFile {
  path: string;
  module: Partial<Record<HttpMethod, RouteHandler>> & Record<string, unknown>;
}

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends (input) or receives (output). */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query", example: Record<string, unknown> | undefined) {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(example && name in example ? { example: example[name] } : {}),
    };
  });
}

function requestBodyOf(spec: RouteHandler["spec"]) {
  const body = spec.body;
  if (!body) return undefined;
  const example = spec.examples?.body;
  if ("kind" in body && body.kind === "multipart") {
    const fields = jsonSchemaOf(body.fields, "input") as { properties?: Record<string, JsonSchema> };
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary", description: body.file }, ...fields.properties } },
          ...(example !== undefined ? { example } : {}),
        },
      },
    };
  }
  return { required: true, content: { "application/json": { schema: jsonSchemaOf(body as z.ZodType, "input"), ...(example !== undefined ? { example } : {}) } } };
}

function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/(v1\/)?/, "").split(/[/.{}-]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

function operationOf(method: HttpMethod, path: string, spec: RouteHandler["spec"]) {
  const { response, examples } = spec;
  const status = String(response.status ?? 200);
  const success = response.schema
    ? { description: response.description ?? "Success", content: { "application/json": { schema: jsonSchemaOf(response.schema, "output"), ...(examples?.response !== undefined ? { example: examples.response } : {}) } } }
    : { description: response.description ?? "Success", content: { [response.contentType ?? "application/octet-stream"]: { schema: { type: "string" } } } };
  const error = { $ref: "#/components/responses/Error" };
  const requestBody = requestBodyOf(spec);
  return {
    operationId: operationId(method, path),
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    "x-emlab-role": spec.public ? "public" : (spec.role ?? defaultRole(method)),
    ...(spec.public ? { security: [] } : {}),
    parameters: [...parametersOf(spec.params, "path", examples?.params), ...parametersOf(spec.query, "query", examples?.query)],
    ...(requestBody ? { requestBody } : {}),
    responses: { [status]: success, "400": error, "403": error, "404": error, "409": error, "422": error, "500": error },
  };
}

/** The document for the given route files (app/api/v1/route-table.ts lists them all). */
export function buildOpenApi(routes: readonly ApiRouteFile[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, module } of routes) {
    for (const method of HTTP_METHODS) {
      const handler = module[method];
      if (!handler?.spec) continue;
      (paths[path] ??= {})[method.toLowerCase()] = operationOf(method, path, handler.spec);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "EM Lab API",
      version: info.version,
      description:
        "Runs, endpoints, question sets, evaluation batches, re-judging, imports, exports and EM rates. " +
        "Errors are JSON {error, fieldErrors} with the status that fits. x-emlab-role is the least role an operation needs once sign-in is on " +
        "(viewer < researcher < admin); send an API token as Authorization: Bearer.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }],
    paths,
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "An EM Lab API token (EMLAB_TOKEN for the CLI)." } },
      responses: { Error: { description: "A refused request", content: { "application/json": { schema: jsonSchemaOf(errorResponseSchema, "output") } } } },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;
