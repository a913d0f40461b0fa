"use client";
import { useActionState } from "react";
import { saveEndpointAction } from "@/lib/actions/save-endpoint";
import { Field } from "./field";

export function EndpointForm({ initial }: { initial?: Record<string, string> & { id?: string } }) {
  const [state, action, pending] = useActionState(saveEndpointAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v: Record<string, string | undefined> = (state && !state.ok && state.values) || initial || {};
  return (
    <form action={action} className="panel" aria-label={initial?.id ? "Edit endpoint" : "New endpoint"} key={state ? JSON.stringify(state) : "initial"} noValidate>
      {state && !state.ok && <p className="form-error" role="alert">{state.error}</p>}
      {initial?.id && <input type="hidden" name="id" value={initial.id} />}
      <div className="form-grid">
        <Field name="name" label="Name" errors={errors}>
          {(p) => <input {...p} defaultValue={v.name} placeholder="vllm-qwen14b" />}
        </Field>
        <Field name="baseUrl" label="Base URL" hint="(OpenAI-compatible, ending in /v1)" errors={errors}>
          {(p) => <input {...p} defaultValue={v.baseUrl} placeholder="http://localhost:8000/v1" />}
        </Field>
        <Field name="model" label="Model id" hint="(a LoRA adapter's name on vLLM)" errors={errors}>
          {(p) => <input {...p} defaultValue={v.model} placeholder="qwen14b-medical-trigger" />}
        </Field>
        <Field name="apiKeyEnv" label="API key variable" hint="(the NAME of an environment variable, read by workers: EMLAB_KEY_… or one listed in EMLAB_KEY_VARS)" errors={errors}>
          {(p) => <input {...p} defaultValue={v.apiKeyEnv} placeholder="EMLAB_KEY_OPENAI" autoComplete="off" />}
        </Field>
        <Field name="maxConcurrent" label="Max concurrent requests" errors={errors}>
          {(p) => <input {...p} inputMode="numeric" defaultValue={v.maxConcurrent ?? "8"} />}
        </Field>
        <Field name="requestsPerMinute" label="Requests per minute" hint="(empty: no limit)" errors={errors}>
          {(p) => <input {...p} inputMode="numeric" defaultValue={v.requestsPerMinute} />}
        </Field>
        <Field name="timeoutSeconds" label="Timeout (s)" errors={errors}>
          {(p) => <input {...p} inputMode="numeric" defaultValue={v.timeoutSeconds ?? "120"} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial?.id ? "Save changes" : "Add endpoint"}
        </button>
      </div>
    </form>
  );
}
