import type { FieldErrors } from "@/lib/guard";

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  wide?: boolean;
  children: (props: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => React.ReactNode;
}

/** A labelled form control with its validation message. */
export function Field({ name, label, hint, errors, wide, children }: FieldProps) {
  const id = `field-${name}`;
  const messages = errors?.[name];
  return (
    <div className={`field${wide ? " wide" : ""}`}>
      <label htmlFor={id}>
        {label} {hint && <span className="hint">{hint}</span>}
      </label>
      {children({ id, name, "aria-invalid": Boolean(messages), "aria-describedby": messages ? `${id}-error` : undefined })}
      {messages && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {messages.join(" ")}
        </span>
      )}
    </div>
  );
}
