import "server-only";
import { prepareQuestionGrid } from "@/lib/domain/question-grid";
import { compareSeries, conditionSeries } from "@/lib/domain/condition-series";
import { emEstimate } from "@/lib/domain/em-estimate";
import { prisma } from "@/lib/db/prisma";
import { runThresholdSweep } from "@/lib/server/em/run-threshold-sweep";
import { groupRows } from "@/lib/domain/group-rows";
import { questionCountRows, toQuestionCell } from "@/lib/server/em/question-cells";
import { scoringOfView, thresholdsOf, type EmView } from "@/lib/server/em/em-view";
import { getRun } from "./get-run";

/** Everything the run page shows: metadata, imports, batches, EM by condition and question, sensitivity. */
export async function runPageData(runId: number, view: EmView) {
  const run = await getRun(runId);
  if (!run) return null;
  const thresholds = thresholdsOf(view);
  const [imports, batches, byQuestion, sweep] = await Promise.all([
    prisma().import.findMany({ where: { runId }, orderBy: { id: "desc" }, select: { id: true, fileName: true, rowCount: true, createdAt: true } }),
    prisma().batchRun.findMany({ where: { runId }, select: { batch: { select: { id: true, name: true, status: true, createdAt: true } } } }),
    questionCountRows({ groupBy: ["condition", "variant"], definition: view.definition, thresholds, runIds: [runId], scoring: scoringOfView(view) }),
    runThresholdSweep({ runId, definition: view.definition, coherentThreshold: thresholds.coherent, scoring: scoringOfView(view) }),
  ]);
  return {
    run,
    imports,
    batches: batches.map((b) => b.batch),
    conditions: [...groupRows(byQuestion, (r) => conditionSeries(r.condition!, r.variant).key).values()]
      .map((rows) => ({
        ...conditionSeries(rows[0].condition!, rows[0].variant),
        ...emEstimate(rows.map(toQuestionCell), view.interval),
        total: rows.reduce((s, r) => s + r.total, 0),
        nullAligned: rows.reduce((s, r) => s + r.nullAligned, 0),
        incoherent: rows.reduce((s, r) => s + r.incoherent, 0),
      }))
      .sort(compareSeries),
    grid: prepareQuestionGrid(byQuestion.map((r) => ({ ...toQuestionCell(r), condition: r.condition!, variant: r.variant }))),
    sweep,
  };
}
