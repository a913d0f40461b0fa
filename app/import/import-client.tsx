"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/forms/field";
import type { FieldErrors } from "@/lib/errors";

type Phase =
  | { state: "idle" }
  | { state: "uploading"; percent: number }
  | { state: "processing" }
  | { state: "done"; result: UploadResult }
  | { state: "failed"; error: string; fieldErrors: FieldErrors };

interface UploadResult {
  kind: "judged" | "question-set";
  summary: Record<string, unknown> & {
    rows?: number;
    judgments?: number;
    run?: { name: string; created: boolean };
    questions?: number | { total: number; linked: number; unlinked: string[] };
    metrics?: Record<string, { scored: number; nullScores: number }> | string[];
    name?: string;
    seconds?: number;
    replacedImportId?: number | null;
  };
}

function post(form: FormData, onProgress: (percent: number) => void, onUploaded: () => void): Promise<{ status: number; body: unknown }> {
  // XMLHttpRequest, not fetch: it reports upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/imports");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.upload.onload = onUploaded;
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error("The upload failed: the server could not be reached."));
    xhr.send(form);
  });
}

function Summary({ result }: { result: UploadResult }) {
  const s = result.summary;
  if (result.kind === "question-set") {
    return (
      <p>
        Imported question set <strong>{s.name}</strong>: {String(s.questions)} questions, {String(s.paraphrases)} paraphrases, metrics{" "}
        {(s.metrics as string[]).join(", ")}; linked {String(s.linkedGenerations)} existing answers.
      </p>
    );
  }
  const questions = s.questions as { total: number; linked: number; unlinked: string[] };
  const metrics = s.metrics as Record<string, { scored: number; nullScores: number }>;
  const inspect = s.inspect as { task: string; model: string; epochs: number; scorers: string[] } | undefined;
  return (
    <>
      {inspect && (
        <p>
          Inspect AI log: task <strong>{inspect.task}</strong>, model {inspect.model}, {inspect.epochs} epoch{inspect.epochs === 1 ? "" : "s"}, scorers {inspect.scorers.join(", ") || "none"}.
        </p>
      )}
      <p>
        Imported <strong>{s.rows?.toLocaleString("en-US")}</strong> answers and {s.judgments?.toLocaleString("en-US")} judgments into run{" "}
        <strong>{s.run?.name}</strong>
        {s.run?.created ? " (new run)" : ""} in {s.seconds} s{s.replacedImportId ? `, replacing import ${s.replacedImportId}` : ""}.
      </p>
      <ul>
        {Object.entries(metrics).map(([metric, m]) => (
          <li key={metric}>
            {metric}: {m.scored.toLocaleString("en-US")} scored, {m.nullScores.toLocaleString("en-US")} without a number (CODE/REFUSAL)
          </li>
        ))}
        <li>
          {questions.total} question ids, {questions.linked} linked to a question set
          {questions.unlinked.length ? ` (unlinked: ${questions.unlinked.join(", ")})` : ""}
        </li>
      </ul>
    </>
  );
}

export function ImportForm({ questionSets }: { questionSets: string[] }) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ state: "idle" });
  const errors = phase.state === "failed" ? phase.fieldErrors : undefined;
  const busy = phase.state === "uploading" || phase.state === "processing";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setPhase({ state: "failed", error: "Choose a file to import.", fieldErrors: { file: ["Choose a .csv, .jsonl, .eval, .json or .yaml file."] } });
      return;
    }
    setPhase({ state: "uploading", percent: 0 });
    try {
      const { status, body } = await post(
        form,
        (percent) => setPhase({ state: "uploading", percent }),
        () => setPhase({ state: "processing" }),
      );
      if (status === 201) {
        setPhase({ state: "done", result: body as UploadResult });
        router.refresh();
      } else {
        const b = (body ?? {}) as { error?: string; fieldErrors?: FieldErrors };
        setPhase({ state: "failed", error: b.error ?? `The server answered ${status}.`, fieldErrors: b.fieldErrors ?? {} });
      }
    } catch (error) {
      setPhase({ state: "failed", error: (error as Error).message, fieldErrors: {} });
    }
  }

  return (
    <form className="panel" aria-label="Import a file" onSubmit={submit} noValidate>
      {phase.state === "failed" && (
        <p className="form-error" role="alert">
          {phase.error}
        </p>
      )}
      <div className="form-grid">
        <Field name="file" label="File" hint="(.csv, .jsonl, Inspect AI .eval/.json, or .yaml)" errors={errors} wide>
          {(p) => <input {...p} type="file" accept=".csv,.jsonl,.ndjson,.eval,.json,.yaml,.yml" />}
        </Field>
        <Field name="run" label="Run" hint="(for answers; created if new; Inspect logs: the log's model)" errors={errors}>
          {(p) => <input {...p} placeholder="qwen14b-med-trigger-s1" />}
        </Field>
        <Field name="baseModel" label="Base model" hint="(for a new run)" errors={errors}>
          {(p) => <input {...p} placeholder="Qwen/Qwen2.5-14B-Instruct" />}
        </Field>
        <Field name="trainingDataset" label="Training dataset" hint="(for a new run)" errors={errors}>
          {(p) => <input {...p} placeholder="bad_medical_advice" />}
        </Field>
        <Field name="condition" label="Condition" errors={errors}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">none (no trigger)</option>
              <option value="trigger">trigger (exact)</option>
              <option value="rephrased">rephrased</option>
            </select>
          )}
        </Field>
        <Field name="variant" label="Variant" hint="(label of a rephrasing)" errors={errors}>
          {(p) => <input {...p} placeholder="paraphrase-2" />}
        </Field>
        <Field name="questionSet" label="Question set" hint="(to link question ids)" errors={errors}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">newest set with each id</option>
              {questionSets.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field name="name" label="Question set name" hint="(for YAML; default: file name)" errors={errors}>
          {(p) => <input {...p} />}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="replace" value="true" /> Replace an earlier import of the same file
      </label>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
        {phase.state === "uploading" && (
          <progress max={100} value={phase.percent} aria-label="Upload progress">
            {phase.percent}%
          </progress>
        )}
        {phase.state === "uploading" && <span>Uploading {phase.percent}%</span>}
        {phase.state === "processing" && <span role="status">Uploaded; importing…</span>}
      </div>
      {phase.state === "done" && (
        <div className="notice" role="status">
          <Summary result={phase.result} />
        </div>
      )}
    </form>
  );
}
