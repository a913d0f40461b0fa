import "server-only";
import { z } from "zod";
import { compareRuns, type RunPairContrast } from "@/lib/domain/run-contrast";
import { scoringOfView, thresholdsOf, type EmView } from "./em-view";
import { questionCountRows, toQuestionCell } from "./question-cells";

/** `?runA=ID&runB=ID`: the two runs to compare (absent or equal: no comparison). */
export const runPairSchema = z.object({
  runA: z.coerce.number().int().positive().optional().catch(undefined),
  runB: z.coerce.number().int().positive().optional().catch(undefined),
});

/** Two runs under each condition both have, paired by question (see compareRuns). */
export async function runComparison(view: EmView, runA: number, runB: number): Promise<RunPairContrast[]> {
  const rows = await questionCountRows({ groupBy: ["run", "condition", "variant"], definition: view.definition, thresholds: thresholdsOf(view), runIds: [runA, runB], scoring: scoringOfView(view) });
  return compareRuns(
    rows.map((r) => ({ ...toQuestionCell(r), runId: r.runId!, run: r.run!, condition: r.condition!, variant: r.variant })),
    runA,
    runB,
  );
}
