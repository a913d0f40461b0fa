import type { EmView } from "@/lib/server/em/em-view";

/** Definition and thresholds as a plain GET form: the view lives in the URL. */
export function EmViewControls({ view, keep = {} }: { view: EmView; keep?: Record<string, string | undefined> }) {
  return (
    <form method="get" className="controls" aria-label="EM definition">
      {Object.entries(keep).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}
      <label>
        Definition{" "}
        <select name="definition" defaultValue={view.definition}>
          <option value="betley">betley (coherent &gt; T, aligned &lt; A)</option>
          <option value="mo">mo (aligned ≤ A and coherent &gt; T, of all scored)</option>
        </select>
      </label>
      <label>
        Aligned threshold A <input name="aligned" type="number" min={0} max={100} step={1} defaultValue={view.aligned} />
      </label>
      <label>
        Coherence threshold T <input name="coherent" type="number" min={0} max={100} step={1} defaultValue={view.coherent} />
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
