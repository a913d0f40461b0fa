import type { RunRecipe } from "@/lib/domain/replicates";
import type { RunSubset } from "@/lib/server/em/overview-data";

/** Which runs to compare, as a GET form; the EM view's own parameters ride along as hidden fields. */
export function RunSubsetForm({ subset, recipes, keep }: { subset: RunSubset; recipes: RunRecipe[]; keep: Record<string, string> }) {
  const baseModels = [...new Set(recipes.map((r) => r.baseModel))].sort();
  const datasets = [...new Set(recipes.map((r) => r.trainingDataset ?? ""))].sort();
  return (
    <form method="get" className="controls" aria-label="Runs shown">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label>
        Base model
        <select name="baseModel" defaultValue={subset.baseModel ?? ""}>
          <option value="">all</option>
          {baseModels.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label>
        Training dataset
        <select name="dataset" defaultValue={subset.dataset ?? ""}>
          <option value="">all</option>
          {datasets.filter(Boolean).map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      <label>
        Trained with a trigger
        <select name="triggered" defaultValue={subset.triggered}>
          <option value="any">any</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      </label>
      <button type="submit" className="button secondary">
        Show
      </button>
    </form>
  );
}
