"use client";
import { useActionState } from "react";
import { setRejudgeCountingAction } from "@/lib/actions/rejudge-actions";

const CHOICES = [
  { value: "auto", label: "Counted once completed (the latest completed re-judge wins)" },
  { value: "primary", label: "Primary: counted now, over every other pass" },
  { value: "excluded", label: "Excluded: never counted by default" },
] as const;

/** Whether the default EM views count this re-judge. */
export function CountingForm({ rejudgeId, counting }: { rejudgeId: number; counting: string }) {
  const [state, action, pending] = useActionState(setRejudgeCountingAction, null);
  const current = state?.ok ? state.data.counting : counting;
  return (
    <form action={action} className="controls" aria-label="Whether the EM views count this re-judge">
      <input type="hidden" name="rejudgeId" value={rejudgeId} />
      <label>
        In the EM views{" "}
        <select name="counting" defaultValue={current} key={current}>
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
      {state?.ok && <span className="muted" role="status">Saved: the EM views now count it as “{state.data.counting}”.</span>}
      {state && !state.ok && (
        <span className="form-error" role="alert">
          {state.error}
        </span>
      )}
    </form>
  );
}
