import type { FieldErrors } from "@/lib/guard";

/**
 * Messages of these fields and their sub-fields as one alert, or null; a key ending in "!" matches
 * itself only.
 */
export function FieldErrorFor({ errors, keys }: { errors: FieldErrors | undefined; keys: string[] }) {
  const matches = (f: string, k: string) => (k.endsWith("!") ? f === k.slice(0, -1) : f === k || f.startsWith(`${k}.`));
  const messages = keys.flatMap((k) => Object.entries(errors ?? {}).filter(([f]) => matches(f, k)).flatMap(([, m]) => m));
  return messages.length ? (
    <span className="field-error" role="alert">
      {messages.join(" ")}
    </span>
  ) : null;
}

/** The judge endpoint and model of a launch or a re-judge (form fields judgeEndpoint, judgeModel). */
export function JudgeFields({ endpoints, errors }: { endpoints: { id: number; name: string; model: string }[]; errors: FieldErrors | undefined }) {
  return (
    <>
      <label className="field">
        Judge endpoint
        <select name="judgeEndpoint" defaultValue="">
          <option value="">choose…</option>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.model})
            </option>
          ))}
        </select>
        <FieldErrorFor errors={errors} keys={["judge.endpoint", "judge"]} />
      </label>
      <label className="field">
        Judge model <span className="hint">(default: the endpoint&apos;s)</span>
        <input name="judgeModel" />
      </label>
    </>
  );
}
