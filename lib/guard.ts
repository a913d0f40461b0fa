// The one guard every server action and REST route passes through: who is asking and whether their
// role allows it (lib/auth/), input parsing and error mapping.
import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withActor } from "./auth/actor-context";
import { authorize, type Actor, type Role } from "./auth/authorize";
import { authorizeAction } from "./auth/authorize-action";
import { UserError, type FieldErrors } from "./errors";
import { originHeadersOf, originProblem } from "./network/request-origin";
import { searchParamsObject } from "./search-params";
import { receiveUpload } from "./server/imports/receive-upload";

export { NotFoundError, UserError, type FieldErrors } from "./errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors: FieldErrors; values?: Record<string, string> };

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function failure(error: unknown): { message: string; fieldErrors: FieldErrors; status: number } {
  if (error instanceof z.ZodError) {
    return { message: "Some fields are invalid.", fieldErrors: fieldErrorsOf(error), status: 400 };
  }
  if (error instanceof UserError) {
    return { message: error.message, fieldErrors: error.fieldErrors, status: error.status };
  }
  // Unexpected: log on the server, tell the caller nothing internal.
  console.error(error);
  return { message: "Something went wrong on the server; the error was logged.", fieldErrors: {}, status: 500 };
}

/** Empty form fields mean "not given". */
export function formDataToObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

/**
 * A server action for `useActionState`: checks the caller holds `role`, parses the submitted form
 * with `schema`, runs `handler`, and returns a typed result. redirect() and notFound() from the
 * handler pass through.
 */
export function formAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>) => Promise<T>,
  role: Role,
): (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>> {
  return async (_previous, formData) => {
    const values = formDataToObject(formData);
    try {
      const actor = await authorizeAction(role);
      const input = schema.parse(values);
      return { ok: true, data: await withActor(actor, () => handler(input)) };
    } catch (error) {
      unstable_rethrow(error);
      const { message, fieldErrors } = failure(error);
      return { ok: false, error: message, fieldErrors, values };
    }
  };
}

/** A server action called with a structured value (not a form), with the same role check, parsing and errors. */
export function valueAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>, role: Role): (value: unknown) => Promise<ActionResult<T>> {
  return async (value) => {
    try {
      const actor = await authorizeAction(role);
      const input = schema.parse(value);
      return { ok: true, data: await withActor(actor, () => handler(input)) };
    } catch (error) {
      unstable_rethrow(error);
      const { message, fieldErrors } = failure(error);
      return { ok: false, error: message, fieldErrors };
    }
  };
}

/** A multipart body: one file (streamed to a temporary file, bounded) and string fields parsed by `fields`. */
export interface MultipartBody<F extends z.ZodType> {
  kind: "multipart";
  /** What the file part holds, for the API document. */
  file: string;
  fields: F;
  /** Largest file accepted, read per request (the environment may change it). */
  maxBytes: () => number;
}

export interface UploadedFile {
  filePath: string;
  fileName: string;
}

export function multipartBody<F extends z.ZodType>(spec: Omit<MultipartBody<F>, "kind">): MultipartBody<F> {
  return { kind: "multipart", ...spec };
}

type BodySpec = z.ZodType | MultipartBody<z.ZodType>;

type BodyOf<B> = B extends MultipartBody<infer F> ? { file: UploadedFile; fields: z.output<F> } : B extends z.ZodType ? z.output<B> : undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ResponseSpec {
  /** Status of a success (200 unless given). */
  status?: number;
  /** The JSON body's schema; absent for downloads (see contentType). */
  schema?: z.ZodType;
  /** For non-JSON responses (CSV, text). */
  contentType?: string;
  description?: string;
}

/** Examples for the API document; the OpenAPI test validates each against its schema. */
export interface RouteExamples {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  response?: unknown;
}

export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends BodySpec | undefined> {
  /** Least role allowed; GET and HEAD default to viewer, other methods to researcher. */
  role?: Role;
  /** No authorization at all (the health check that load balancers and the test runner poll). */
  public?: boolean;
  summary: string;
  description?: string;
  /** Grouping in the API document (runs, batches, ...). */
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: ResponseSpec;
  examples?: RouteExamples;
}

export interface RouteInput<P, Q, B> {
  request: Request;
  params: P;
  query: Q;
  body: B;
  actor: Actor;
}

export type RouteHandler = ((request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, BodySpec | undefined>;
};

export function defaultRole(method: string): Role {
  return method === "GET" || method === "HEAD" ? "viewer" : "researcher";
}

/** Largest JSON request body: launches, re-judges with their prompts and edits are far smaller. */
export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

/** The body as text, refused (413) once it passes the limit, before the rest is read. */
async function boundedText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new UserError(`The request body is larger than ${limit / 1024 / 1024} MB.`, {}, 413);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await boundedText(request, MAX_JSON_BODY_BYTES);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError("The request body is not valid JSON.", { _: ["Send a JSON object with content-type application/json."] });
  }
}

/**
 * A REST route: the origin check, authorization, then params, query and body parsed with the
 * spec's zod schemas before the handler sees them; JSON errors with the right status (the same
 * mapping as server actions). A multipart body's temporary file is deleted after the handler.
 * The spec also feeds the OpenAPI document (GET /api/v1/openapi.json).
 */
export function route<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends BodySpec | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<Out<P>, Out<Q>, BodyOf<B>>) => Promise<Response | unknown>,
): RouteHandler {
  const wrapped = async (request: Request, context?: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    // proxy.ts checks this for every request too (pages and server actions); kept here so a
    // route is safe on its own.
    const refused = originProblem(originHeadersOf(request));
    if (refused) return NextResponse.json({ error: refused, fieldErrors: {} }, { status: 403 });
    let discard: (() => Promise<void>) | null = null;
    try {
      const actor: Actor = spec.public ? { kind: "local" } : await authorize(request, spec.role ?? defaultRole(request.method));
      const params = spec.params ? spec.params.parse((await context?.params) ?? {}) : undefined;
      const query = spec.query ? spec.query.parse(searchParamsObject(new URL(request.url).searchParams)) : undefined;
      let body: unknown;
      if (spec.body && "kind" in spec.body && spec.body.kind === "multipart") {
        const upload = await receiveUpload(request, spec.body.maxBytes());
        discard = upload.discard;
        body = { file: { filePath: upload.filePath, fileName: upload.fileName }, fields: spec.body.fields.parse(upload.fields) };
      } else if (spec.body) {
        body = (spec.body as z.ZodType).parse(await jsonBody(request));
      }
      const input = { request, params, query, body, actor } as RouteInput<Out<P>, Out<Q>, BodyOf<B>>;
      // The actor stays with the rest of the request, for the audit log.
      const result = spec.public ? await handler(input) : await withActor(actor, () => handler(input));
      if (result instanceof Response) return result;
      return NextResponse.json(result, { status: spec.response.status ?? 200 });
    } catch (error) {
      const { message, fieldErrors, status } = failure(error);
      return NextResponse.json({ error: message, fieldErrors }, { status });
    } finally {
      if (discard) await discard();
    }
  };
  return Object.assign(wrapped, { spec: spec as RouteHandler["spec"] });
}
