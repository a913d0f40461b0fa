"use client";
import { Field } from "@/components/forms/field";
import { FormError, useActionButton, useFormAction } from "@/components/forms/use-form-action";
import { createUserAction, setUserDisabledAction, setUserRoleAction } from "@/lib/actions/user-actions";
import { ROLES, type Role } from "@/lib/auth/roles";

export function NewUserForm({ firstUser }: { firstUser: boolean }) {
  const { state, action, pending, errors, values: v, formKey } = useFormAction(createUserAction);
  return (
    <form action={action} className="panel" aria-label="New user" key={formKey} noValidate>
      <FormError state={state} />
      {state?.ok && (
        <p className="notice" role="status">
          Created {state.data.email} ({state.data.role}).
        </p>
      )}
      <div className="form-grid">
        <Field name="email" label="Email" errors={errors}>
          {(p) => <input {...p} type="email" autoComplete="off" defaultValue={v.email} />}
        </Field>
        <Field name="name" label="Name" hint="(optional)" errors={errors}>
          {(p) => <input {...p} defaultValue={v.name} />}
        </Field>
        <Field name="password" label="Password" hint="(10 to 128 characters; tell them in person)" errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="new-password" />}
        </Field>
        <Field name="role" label="Role" errors={errors}>
          {(p) => (
            <select {...p} defaultValue={v.role ?? (firstUser ? "admin" : "researcher")}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Add user"}
        </button>
      </div>
    </form>
  );
}

/** Role select and enable/disable for one user; a refusal (the last admin) shows beside them. */
export function UserControls({ user }: { user: { id: string; email: string; role: Role; disabled: boolean } }) {
  const { pending, run, message } = useActionButton();
  return (
    <div className="user-controls">
      <select
        aria-label={`Role of ${user.email}`}
        defaultValue={user.role}
        disabled={pending}
        onChange={(e) => run(() => setUserRoleAction({ userId: user.id, role: e.target.value as Role }))}
      >
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>{" "}
      {user.disabled ? <span className="failed-text">disabled</span> : <span className="muted">active</span>}{" "}
      <button
        type="button"
        className="link"
        aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
        disabled={pending}
        onClick={() => run(() => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }))}
      >
        {user.disabled ? "Enable" : "Disable"}
      </button>
      {message}
    </div>
  );
}
