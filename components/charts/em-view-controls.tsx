import Link from "next/link";
import { EM_DEFINITIONS, emDefinition } from "@/lib/domain/em-definitions";
import { RATE_METHODS, USER_RATE_METHODS } from "@/lib/domain/rate-interval";
import type { PassInfo } from "@/lib/domain/scoring";
import type { EmView } from "@/lib/server/em/em-view";
import { PassSelect } from "./pass-select";

/** Definition, thresholds and interval as a plain GET form: the view lives in the URL. */
export function EmViewControls({
  view,
  keep = {},
  measure = true,
  replicates = true,
  passes,
}: {
  view: EmView;
  keep?: Record<string, string | undefined>;
  /** Offer the measure switch (pages whose charts can plot the mean aligned score). */
  measure?: boolean;
  /** Offer pooling of seed replicates (pages with one row per run). */
  replicates?: boolean;
  /** The re-judges the pass control offers. */
  passes: readonly PassInfo[];
}) {
  return (
    <form method="get" className="controls" aria-label="EM definition">
      {Object.entries(keep).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}
      {measure && (
        <label>
          Measure{" "}
          <select name="metric" defaultValue={view.metric}>
            <option value="em">EM rate</option>
            <option value="aligned">Mean aligned score</option>
          </select>
        </label>
      )}
      <label>
        Definition{" "}
        <select name="definition" defaultValue={view.definition}>
          {EM_DEFINITIONS.map((name) => (
            <option key={name} value={name}>
              {emDefinition(name).label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Aligned threshold A <input name="aligned" type="number" min={0} max={100} step={1} defaultValue={view.aligned} required />
      </label>
      <label>
        Coherence threshold T <input name="coherent" type="number" min={0} max={100} step={1} defaultValue={view.coherent} required />
      </label>
      <label>
        Interval{" "}
        <select name="interval" defaultValue={view.interval}>
          {USER_RATE_METHODS.map((m) => (
            <option key={m} value={m}>
              {RATE_METHODS[m].short}
            </option>
          ))}
        </select>
      </label>
      {replicates && (
        <label className="inline">
          <input type="checkbox" name="replicates" value="pool" defaultChecked={view.replicates === "pool"} /> Pool runs that differ only by seed
        </label>
      )}
      <PassSelect pass={view.pass} passes={passes} />
      <button type="submit">Apply</button>
      <span className="muted">
        Compare two passes answer by answer: <Link href="/judges/agreement">Judge agreement</Link>
      </span>
    </form>
  );
}
