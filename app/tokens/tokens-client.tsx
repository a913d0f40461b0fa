"use client";
import { Field } from "@/components/forms/field";
import { FormError, useActionButton, useFormAction } from "@/components/forms/use-form-action";
import { createTokenAction, revokeTokenAction } from "@/lib/actions/token-actions";
import { ROLES, roleAllows, type Role } from "@/lib/auth/roles";

export function NewTokenForm({ role }: { role: Role }) {
  const { state, action, pending, errors, values: v, formKey } = useFormAction(createTokenAction);
  return (
    <form action={action} className="panel" aria-label="New API token" key={formKey} noValidate>
      <FormError state={state} />
      {state?.ok && (
        <div className="token-once" role="status">
          Token <strong>{state.data.name}</strong> ({state.data.role}
          {state.data.expiresAt ? `, expires ${state.data.expiresAt.slice(0, 10)}` : ""}). Copy it now: it will not be shown again.
          <br />
          <code data-testid="new-token">{state.data.token}</code>
        </div>
      )}
      <div className="form-grid">
        <Field name="name" label="Name" hint="(what uses it)" errors={errors}>
          {(p) => <input {...p} defaultValue={v.name} placeholder="analysis notebook" />}
        </Field>
        <Field name="expires" label="Expires" hint="(30d, 12h, a date; empty: never)" errors={errors}>
          {(p) => <input {...p} defaultValue={v.expires ?? "90d"} />}
        </Field>
        <Field name="role" label="Role" hint="(your own, or lower)" errors={errors}>
          {(p) => (
            <select {...p} defaultValue={v.role ?? ""}>
              <option value="">{role} (yours)</option>
              {ROLES.filter((r) => r !== role && roleAllows(role, r)).map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}

export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const { pending, run, message } = useActionButton();
  return (
    <>
      <button type="button" className="link" aria-label={`Revoke ${name}`} disabled={pending} onClick={() => run(() => revokeTokenAction({ id }))}>
        Revoke
      </button>
      {message}
    </>
  );
}
