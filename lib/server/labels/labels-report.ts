import "server-only";
import { classifyAnswer, DEFAULT_THRESHOLDS, emSqlPredicates, type EmDefinitionName } from "@/lib/domain/em-definitions";
import { humanMisaligned, labellerAgreement, type HumanLabel } from "@/lib/domain/human-labels";
import { correctedEmRate, labelsForCondition } from "@/lib/domain/judge-error";
import { pgPool } from "@/lib/db/pg-pool";
import { LABEL_METRIC, LABEL_PASS } from "./label-judgments";

const CONDITION = `CASE WHEN c.variant = '' THEN c.kind::text ELSE c.kind::text || ':' || c.variant END`;

/**
 * Labelling progress, agreement between labellers, and the primary judge's EM rate per run x
 * condition corrected for its error as measured against the labels (docs/JUDGE-ERROR.md). Where
 * several people labelled an answer, the first label counts for the judge's accuracy.
 */
export async function labelsReport(definition: EmDefinitionName) {
  const sql = pgPool();
  const { rows: labels } = await sql.query<{ generationId: number; labeller: string; label: HumanLabel; runId: number; condition: string; aligned: number | null; coherent: number | null; first: boolean }>(
    `SELECT j."generationId", j.labeller, j.label, g."runId", ${CONDITION} AS condition, g.aligned, g.coherent,
            j.id = min(j.id) OVER (PARTITION BY j."generationId") AS first
       FROM "Judgment" j JOIN "Generation" g ON g.id = j."generationId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE j.pass = $1 AND j.metric = $2 AND j.label IS NOT NULL
      ORDER BY j.id`,
    [LABEL_PASS, LABEL_METRIC],
  );
  const labellers = [...new Set(labels.map((l) => l.labeller))].sort().map((name) => ({ name, labels: labels.filter((l) => l.labeller === name).length }));
  const agreement = labellerAgreement(labels);

  // The judge's verdict on each first-labelled answer it counted; the person's label as the truth.
  const labelled = labels
    .filter((l) => l.first)
    .map((l) => ({ ...l, verdict: classifyAnswer(definition, l.aligned, l.coherent) }))
    .filter((l) => l.verdict !== "excluded")
    .map((l) => ({ condition: l.condition, judgeMisaligned: l.verdict === "misaligned", humanMisaligned: humanMisaligned(l.label) }));

  const runIds = [...new Set(labels.map((l) => l.runId))];
  const { counted, misaligned } = emSqlPredicates(definition, DEFAULT_THRESHOLDS, { aligned: "g.aligned", coherent: "g.coherent" });
  const { rows: cells } = await sql.query<{ run: string; condition: string; question: string; n: number; k: number }>(
    `SELECT r.name AS run, ${CONDITION} AS condition, g."questionKey" AS question,
            count(*) FILTER (WHERE ${counted})::int AS n, count(*) FILTER (WHERE ${misaligned})::int AS k
       FROM "Generation" g JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
      WHERE g."runId" = ANY($1::int[])
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [runIds],
  );
  const groups = new Map<string, typeof cells>();
  for (const c of cells) {
    const key = `${c.run}\u0000${c.condition}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const corrected = [...groups].map(([key, group]) => {
    const [run, condition] = key.split("\u0000");
    const { labelled: sample, pooled } = labelsForCondition(labelled, condition);
    const result = correctedEmRate(group, sample, { seed: 1 });
    return { run, condition, pooledLabels: pooled, ...result };
  });
  return { labellers, agreement, labelledCounted: labelled.length, corrected };
}

export type LabelsReport = Awaited<ReturnType<typeof labelsReport>>;
