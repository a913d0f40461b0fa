// The one guard every server action and REST route passes through: who is asking and whether their
// role allows it (lib/auth/), input parsing and error mapping.
import { unstable_rethrow } from "next/navigation";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withActor } from "./auth/actor-context";
import { authorize } from "./auth/authorize";
import { authorizeAction } from "./auth/authorize-action";
import type { Role } from "./auth/roles";
import { UserError, type FieldErrors } from "./errors";
import { originHeadersOf, originProblem } from "./network/request-origin";

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

/**
 * A route handler: the caller must hold `role` (a session or `Authorization: Bearer emlab_...`;
 * "public" for the health check only), JSON errors with the right status, the same mapping as actions.
 */
export function route<C>(
  handler: (request: Request, context: C) => Promise<Response | unknown>,
  role: Role | "public" = "viewer",
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    // proxy.ts checks this for every request too (pages and server actions); kept here so a
    // route is safe on its own.
    const refused = originProblem(originHeadersOf(request));
    if (refused) return NextResponse.json({ error: refused, fieldErrors: {} }, { status: 403 });
    try {
      const run = () => handler(request, context);
      const result = role === "public" ? await run() : await withActor(await authorize(request, role), run);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { message, fieldErrors, status } = failure(error);
      return NextResponse.json({ error: message, fieldErrors }, { status });
    }
  };
}
