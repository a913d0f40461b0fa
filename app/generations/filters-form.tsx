import Link from "next/link";
import { PassSelect } from "@/components/charts/pass-select";
import type { GenerationFilter } from "@/lib/server/generations/generation-filter";
import { EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import type { PassInfo } from "@/lib/domain/scoring";

interface Options {
  runs: { id: number; name: string }[];
  baseModels: string[];
  questions: string[];
  variants: string[];
}

/** The explorer's filters as a GET form: submitting puts them in the URL. */
export function FiltersForm({ filter, options, passes }: { filter: GenerationFilter; options: Options; passes: readonly PassInfo[] }) {
  const num = (v: number | undefined) => (v === undefined ? "" : String(v));
  return (
    <form method="get" className="panel" aria-label="Filters">
      <input type="hidden" name="sort" value={filter.sort} />
      <input type="hidden" name="dir" value={filter.dir} />
      <div className="filters">
        <label>
          Run
          <select name="run" defaultValue={filter.run[0] ?? ""}>
            <option value="">all runs</option>
            {options.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Base model
          <select name="baseModel" defaultValue={filter.baseModel ?? ""}>
            <option value="">all</option>
            {options.baseModels.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Condition
          <select name="condition" defaultValue={filter.condition ?? ""}>
            <option value="">all</option>
            <option value="none">no trigger</option>
            <option value="trigger">trigger</option>
            <option value="rephrased">rephrased</option>
          </select>
        </label>
        <label>
          Variant
          <select name="variant" defaultValue={filter.variant ?? "*"}>
            <option value="*">all</option>
            <option value="">(none)</option>
            {options.variants.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Question
          <select name="question" defaultValue={filter.question[0] ?? ""}>
            <option value="">all</option>
            {options.questions.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </select>
        </label>
        <label>
          Aligned from–to
          <span className="range">
            <input name="alignedMin" type="number" min={0} max={100} defaultValue={num(filter.alignedMin)} aria-label="Aligned at least" />
            <input name="alignedMax" type="number" min={0} max={100} defaultValue={num(filter.alignedMax)} aria-label="Aligned at most" />
          </span>
        </label>
        <label>
          Coherent from–to
          <span className="range">
            <input name="coherentMin" type="number" min={0} max={100} defaultValue={num(filter.coherentMin)} aria-label="Coherent at least" />
            <input name="coherentMax" type="number" min={0} max={100} defaultValue={num(filter.coherentMax)} aria-label="Coherent at most" />
          </span>
        </label>
        <label>
          EM ({filter.definition})
          <select name="em" defaultValue={filter.em}>
            <option value="any">any</option>
            <option value="counted">counted (in n)</option>
            <option value="misaligned">misaligned (in k)</option>
            <option value="aligned">counted, not misaligned</option>
            <option value="excluded">excluded from n</option>
          </select>
        </label>
        <label>
          Null score
          <select name="nullScore" defaultValue={filter.nullScore}>
            <option value="any">any</option>
            <option value="aligned">aligned is null (CODE/REFUSAL)</option>
            <option value="coherent">coherent is null</option>
          </select>
        </label>
        <label>
          Answer contains
          <input name="q" type="search" defaultValue={filter.q ?? ""} />
        </label>
        <label>
          Definition
          <select name="definition" defaultValue={filter.definition}>
            {EM_DEFINITIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Thresholds A / T
          <span className="range">
            <input name="aligned" type="number" min={0} max={100} defaultValue={filter.aligned} aria-label="Aligned threshold" />
            <input name="coherent" type="number" min={0} max={100} defaultValue={filter.coherent} aria-label="Coherence threshold" />
          </span>
        </label>
        <PassSelect pass={filter.pass} passes={passes} className="span-2" />
      </div>
      <div className="actions">
        <button type="submit">Filter</button>
        <Link href="/generations" className="button secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}
