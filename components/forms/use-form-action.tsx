"use client";
import { useActionState, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/guard";

type FormActionFn<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * useActionState for a guard formAction, with what every form reads from it: the field errors,
 * the values to show again after a refusal, and a key that resets the form after each answer.
 */
export function useFormAction<T>(formAction: FormActionFn<T>) {
  const [state, action, pending] = useActionState(formAction, null);
  const refused = state && !state.ok ? state : null;
  return {
    state,
    action,
    pending,
    errors: refused?.fieldErrors,
    values: (refused?.values ?? {}) as Record<string, string | undefined>,
    formKey: state ? JSON.stringify(state) : "initial",
  };
}

/** The form-level message of a refused submission. */
export function FormError({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  return (
    <p className="form-error" role="alert">
      {state.error}
    </p>
  );
}

/** A button-triggered valueAction: pending while it runs, and the refusal's message after. */
export function useActionButton() {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (work: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const result = await work();
      setError(result.ok ? null : result.error);
    });
  const message = error && (
    <span className="field-error" role="alert">
      {" "}
      {error}
    </span>
  );
  return { pending, run, message };
}
