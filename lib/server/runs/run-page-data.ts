import "server-only";
import { prepareQuestionGrid } from "@/lib/domain/question-grid";
import { prepareThresholdSweep } from "@/lib/domain/threshold-sweep";
import { barValue } from "@/lib/domain/overview-chart";
import { conditionSeries } from "@/lib/domain/condition-series";
import { prisma } from "@/lib/db/prisma";
import { alignedBins } from "@/lib/server/em/aligned-bins";
import { emCountRows } from "@/lib/server/em/em-count-rows";
import { thresholdsOf, type EmView } from "@/lib/server/em/em-view";
import { getRun } from "./get-run";

/** Everything the run page shows: metadata, imports, batches, EM by condition and question, sensitivity. */
export async function runPageData(runId: number, view: EmView) {
  const run = await getRun(runId);
  if (!run) return null;
  const thresholds = thresholdsOf(view);
  const [imports, batches, byCondition, byQuestion, bins] = await Promise.all([
    prisma().import.findMany({ where: { runId }, orderBy: { id: "desc" }, select: { id: true, fileName: true, rowCount: true, createdAt: true } }),
    prisma().batchRun.findMany({ where: { runId }, select: { batch: { select: { id: true, name: true, status: true, createdAt: true } } } }),
    emCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds, runIds: [runId] }),
    emCountRows({ groupBy: ["condition", "variant", "question"], definition: view.definition, thresholds, runIds: [runId] }),
    alignedBins(runId, thresholds.coherent),
  ]);
  return {
    run,
    imports,
    batches: batches.map((b) => b.batch),
    conditions: byCondition.map((row) => ({
      ...conditionSeries(row.condition!, row.variant),
      ...barValue(row.k, row.n),
      total: row.total,
      nullAligned: row.nullAligned,
      incoherent: row.incoherent,
    })),
    grid: prepareQuestionGrid(byQuestion.map((r) => ({ question: r.question!, condition: r.condition!, variant: r.variant, n: r.n, k: r.k }))),
    sweep: prepareThresholdSweep(bins, view.definition),
  };
}
