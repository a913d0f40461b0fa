import "server-only";
import { prepareContainment, type RunContainment } from "@/lib/domain/containment";
import { scoringOfView, thresholdsOf, type EmView } from "./em-view";
import { questionCountRows, toQuestionCell } from "./question-cells";

/** Runs evaluated with a trigger condition: pooled cells and contrasts paired by question. */
export async function containmentData(view: EmView): Promise<RunContainment[]> {
  const rows = await questionCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds: thresholdsOf(view), scoring: scoringOfView(view) });
  const withTrigger = new Set(rows.filter((r) => r.condition === "trigger").map((r) => r.runId));
  return prepareContainment(
    rows
      .filter((r) => withTrigger.has(r.runId))
      .map((r) => ({ ...toQuestionCell(r), runId: r.runId!, run: r.run!, condition: r.condition!, variant: r.variant })),
    view.interval,
  );
}
