"use client";
import { useActionState, useRef, useState, useTransition } from "react";
import { listModelsAction } from "@/lib/actions/endpoint-actions";
import { saveEndpointAction } from "@/lib/actions/save-endpoint";
import { Field } from "./field";

/** Asks a worker for the models the endpoint being entered serves (GET /models), to pick from. */
function useModelList(form: React.RefObject<HTMLFormElement | null>) {
  const [result, setResult] = useState<{ ok: boolean; message: string; models: string[] } | null>(null);
  const [pending, start] = useTransition();
  const list = () =>
    start(async () => {
      const data = new FormData(form.current ?? undefined);
      const r = await listModelsAction({ baseUrl: String(data.get("baseUrl") ?? ""), apiKeyEnv: String(data.get("apiKeyEnv") ?? "") });
      if (r.ok) setResult({ ok: r.data.ok, message: r.data.message, models: r.data.models ?? [] });
      else setResult({ ok: false, message: Object.values(r.fieldErrors).flat().join(" ") || r.error, models: [] });
    });
  return { result, pending, list };
}

export function EndpointForm({ initial }: { initial?: Record<string, string> & { id?: string } }) {
  const [state, action, pending] = useActionState(saveEndpointAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v: Record<string, string | undefined> = (state && !state.ok && state.values) || initial || {};
  const formRef = useRef<HTMLFormElement>(null);
  const models = useModelList(formRef);
  return (
    <form ref={formRef} action={action} className="panel" aria-label={initial?.id ? "Edit endpoint" : "New endpoint"} key={state ? JSON.stringify(state) : "initial"} noValidate>
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
          {(p) => (
            <>
              <span className="input-with-button">
                <input {...p} defaultValue={v.model} placeholder="qwen14b-medical-trigger" list="endpoint-models" autoComplete="off" />
                <button type="button" className="button secondary" onClick={models.list} disabled={models.pending}>
                  {models.pending ? "Listing…" : "List models"}
                </button>
              </span>
              {models.result && (
                <p role="status" className={models.result.ok ? "notice" : "field-error"} data-testid="model-list">
                  {models.result.message}{" "}
                  {models.result.models.length > 0 && (
                    <select
                      aria-label="Use a model the endpoint serves"
                      defaultValue=""
                      onChange={(event) => {
                        const input = formRef.current?.elements.namedItem("model");
                        if (input instanceof HTMLInputElement && event.target.value) input.value = event.target.value;
                      }}
                    >
                      <option value="">Use one of the {models.result.models.length} models…</option>
                      {models.result.models.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                    </select>
                  )}
                </p>
              )}
            </>
          )}
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
        <Field name="inputUsdPerMTok" label="Input price" hint="(US$ per million prompt tokens; 0 for your own server, empty: unknown)" errors={errors}>
          {(p) => <input {...p} inputMode="decimal" defaultValue={v.inputUsdPerMTok} placeholder="2.50" />}
        </Field>
        <Field name="outputUsdPerMTok" label="Output price" hint="(US$ per million completion tokens)" errors={errors}>
          {(p) => <input {...p} inputMode="decimal" defaultValue={v.outputUsdPerMTok} placeholder="10.00" />}
        </Field>
        <Field name="batchApi" label="Judging" errors={errors}>
          {(p) => (
            <label className="checkbox plain">
              <input {...p} type="checkbox" defaultChecked={v.batchApi === "on"} /> through the Batch API (/v1/files + /v1/batches: results within 24 h, at a discount)
            </label>
          )}
        </Field>
        <Field name="batchDiscount" label="Batch API discount" hint="(share of the price taken off; OpenAI: 0.5)" errors={errors}>
          {(p) => <input {...p} inputMode="decimal" defaultValue={v.batchDiscount ?? "0.5"} />}
        </Field>
        <Field name="timeoutSeconds" label="Timeout (s)" errors={errors}>
          {(p) => <input {...p} inputMode="numeric" defaultValue={v.timeoutSeconds ?? "120"} />}
        </Field>
      </div>
      <datalist id="endpoint-models">
        {models.result?.models.map((m) => <option key={m} value={m} />)}
      </datalist>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial?.id ? "Save changes" : "Add endpoint"}
        </button>
      </div>
    </form>
  );
}
