"use client";
import { FieldErrorFor, JudgeFields } from "@/components/forms/judge-fields";
import { CostNote } from "@/components/ui/cost-note";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { RejudgeEstimate } from "@/lib/domain/rejudge-estimate";
import type { FieldErrors } from "@/lib/errors";
import { estimateRejudgeAction, launchRejudgeAction } from "@/lib/actions/rejudge-actions";
import type { RejudgeOptions } from "@/lib/server/rejudges/rejudge-options";

type Filter = Record<string, string | string[]>;

const tokens = (n: number) => (n < 1000 ? n.toLocaleString("en-US") : `${(n / 1000).toFixed(1)}k`);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export function RejudgeForm({ options, initialFilter, initialBatch }: { options: RejudgeOptions; initialFilter: Filter; initialBatch?: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [estimate, setEstimate] = useState<RejudgeEstimate | null>(null);
  const [pending, startTransition] = useTransition();
  // aligned and coherent always (imported answers may have no question set); other metrics from the question sets.
  const metrics = [...new Set(["aligned", "coherent", ...options.prompts.map((p) => p.metric)])];
  const [chosen, setChosen] = useState<string[]>(metrics.filter((m) => m === "aligned" || m === "coherent"));
  const [prompts, setPrompts] = useState<Record<string, string>>({});
  // Filter fields other than run and condition come from the explorer link and are kept as they are.
  const { run: _run, condition: _condition, ...extraFilter } = initialFilter;
  const [keepExtra, setKeepExtra] = useState(true);

  function read(form: HTMLFormElement) {
    const data = new FormData(form);
    const filter: Filter = keepExtra ? { ...extraFilter } : {};
    if (data.get("run")) filter.run = String(data.get("run"));
    if (data.get("condition")) filter.condition = String(data.get("condition"));
    const batch = Number(data.get("batch"));
    return {
      name: String(data.get("name") ?? "") || undefined,
      scope: { batch: batch > 0 ? batch : undefined, filter },
      judge: { endpoint: Number(data.get("judgeEndpoint")) || undefined, model: String(data.get("judgeModel") ?? "") || undefined, metrics: chosen },
      prompts: Object.fromEntries(chosen.filter((m) => prompts[m]?.trim()).map((m) => [m, prompts[m]])),
      questionContext: String(data.get("questionContext") ?? "question"),
    };
  }

  const fieldError = (...keys: string[]) => <FieldErrorFor errors={errors?.fieldErrors} keys={keys} />;

  function submit(event: React.FormEvent<HTMLFormElement>, launch: boolean) {
    event.preventDefault();
    const value = read(event.currentTarget);
    startTransition(async () => {
      const result = launch ? await launchRejudgeAction(value) : await estimateRejudgeAction(value);
      if (!result.ok) {
        setErrors({ error: result.error, fieldErrors: result.fieldErrors });
        return;
      }
      setErrors(null);
      if (launch) router.push(`/rejudges/${(result.data as { rejudgeId: number }).rejudgeId}`);
      else setEstimate(result.data as RejudgeEstimate);
    });
  }

  const extraKeys = Object.entries(extraFilter);
  return (
    <form className="panel" aria-label="Re-judge answers" onChange={() => setEstimate(null)} onSubmit={(e) => submit(e, (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "launch")} noValidate>
      {errors && (
        <p className="form-error" role="alert">
          {errors.error}
        </p>
      )}
      <div className="form-grid">
        <label className="field wide">
          Name <input name="name" placeholder="GPT-4o-mini as judge" />
        </label>
        <label className="field">
          Run
          <select name="run" defaultValue={first(initialFilter.run)}>
            <option value="">any run</option>
            {options.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Batch
          <select name="batch" defaultValue={initialBatch ?? ""}>
            <option value="">any batch or import</option>
            {options.batches.map((b) => (
              <option key={b.id} value={b.id}>
                #{b.id} {b.name ?? ""}
              </option>
            ))}
          </select>
          {fieldError("scope.batch")}
        </label>
        <label className="field">
          Condition
          <select name="condition" defaultValue={first(initialFilter.condition)}>
            <option value="">any condition</option>
            <option value="none">no trigger</option>
            <option value="trigger">trigger</option>
            <option value="rephrased">rephrased trigger</option>
          </select>
        </label>
        <div className="field">
          Explorer filter
          {extraKeys.length ? (
            <label className="checkbox">
              <input type="checkbox" checked={keepExtra} onChange={(e) => setKeepExtra(e.target.checked)} />
              <span data-testid="explorer-filter">{extraKeys.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : v}`).join(" · ")}</span>
            </label>
          ) : (
            <span className="hint">none (use &quot;Re-judge these&quot; on the Generations page to bring one)</span>
          )}
        </div>
        {fieldError("scope")}
        <JudgeFields endpoints={options.endpoints} errors={errors?.fieldErrors} />
        <fieldset className="field">
          <legend>The judge reads</legend>
          <label className="checkbox">
            <input type="radio" name="questionContext" value="question" defaultChecked /> the question, as the first judge did
          </label>
          <label className="checkbox">
            <input type="radio" name="questionContext" value="prompt" /> the user message as sent (trigger included)
          </label>
        </fieldset>
        <fieldset className="field">
          <legend>Metrics</legend>
          {metrics.map((m) => (
            <label key={m} className="checkbox">
              <input type="checkbox" checked={chosen.includes(m)} onChange={(e) => setChosen(e.target.checked ? [...chosen, m] : chosen.filter((x) => x !== m))} /> {m}
            </label>
          ))}
          {fieldError("judge.metrics")}
        </fieldset>
        {chosen.map((m) => {
          const start = options.prompts.find((p) => p.metric === m);
          return (
            <label key={m} className="field wide">
              Judge prompt for {m} <span className="hint">(empty: each question&apos;s own prompt; {"{question}"} and {"{answer}"} are filled in)</span>
              <textarea rows={4} value={prompts[m] ?? ""} onChange={(e) => setPrompts({ ...prompts, [m]: e.target.value })} aria-label={`Judge prompt for ${m}`} />
              {start && (
                <button type="button" className="button secondary" style={{ alignSelf: "flex-start", fontWeight: 400 }} onClick={() => setPrompts({ ...prompts, [m]: start.template })}>
                  Start from {start.questionSet}&apos;s prompt
                </button>
              )}
            </label>
          );
        })}
        {fieldError("prompts")}
      </div>
      {estimate && (
        <p className="notice" role="status" data-testid="estimate">
          {estimate.generations.toLocaleString("en-US")} answers: {estimate.judgeRequests.toLocaleString("en-US")} judge requests, about {tokens(estimate.promptTokens)} prompt and{" "}
          {tokens(estimate.completionTokens)} completion tokens.
          <CostNote cost={estimate.cost} />
        </p>
      )}
      <div className="actions">
        <button type="submit" value="estimate" className="button secondary" disabled={pending}>
          Estimate
        </button>
        <button type="submit" value="launch" disabled={pending || !estimate}>
          {pending ? "Working…" : "Re-judge"}
        </button>
        {!estimate && <span className="hint">Estimate first.</span>}
      </div>
    </form>
  );
}
