import "server-only";
import { prepareContainment, type RunContainment } from "@/lib/domain/containment";
import { emCountRows } from "./em-count-rows";
import { thresholdsOf, type EmView } from "./em-view";

/** Runs evaluated with a trigger condition: pooled cells and paired contrasts over questions. */
export async function containmentData(view: EmView): Promise<RunContainment[]> {
  const rows = await emCountRows({ groupBy: ["run", "condition", "variant", "question"], definition: view.definition, thresholds: thresholdsOf(view) });
  const withTrigger = new Set(rows.filter((r) => r.condition === "trigger").map((r) => r.runId));
  return prepareContainment(
    rows
      .filter((r) => withTrigger.has(r.runId))
      .map((r) => ({ runId: r.runId!, run: r.run!, condition: r.condition!, variant: r.variant, question: r.question!, n: r.n, k: r.k })),
  );
}
