import "server-only";
import { prepareOverview, type Overview } from "@/lib/domain/overview-chart";
import { thresholdsOf, type EmView } from "./em-view";
import { questionCountRows, toQuestionCell } from "./question-cells";

/** Overview: EM per run and condition, grouped by base model, on one scale. */
export async function overviewData(view: EmView): Promise<Overview> {
  const rows = await questionCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds: thresholdsOf(view) });
  return prepareOverview(
    rows.map((r) => ({ ...toQuestionCell(r), runId: r.runId!, run: r.run!, baseModel: r.baseModel!, condition: r.condition!, variant: r.variant })),
    view.interval,
    view.metric,
  );
}
