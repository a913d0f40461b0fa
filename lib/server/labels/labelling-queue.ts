import "server-only";
import type { HumanLabel } from "@/lib/domain/human-labels";
import { pgPool } from "@/lib/db/pg-pool";
import { LABEL_METRIC, LABEL_PASS } from "./label-judgments";
import type { LabelSample } from "./label-input";

export interface LabellingItem {
  generationId: number;
  /** The question without any trigger (the paraphrase asked, or the imported question). */
  question: string;
  answer: string;
  run: string;
  condition: string;
  aligned: number | null;
  coherent: number | null;
  /** This labeller's label and score, if given. */
  label: HumanLabel | null;
  score: number | null;
}

export const MAX_SAMPLE = 2000;

/**
 * A seeded random sample of answered generations, stratified by run x condition (`per` from each,
 * or all of a smaller stratum), in a seeded shuffled order so strata do not come in blocks. The same
 * seed and size give every labeller the same answers in the same order.
 */
export async function labellingQueue(sample: LabelSample, labeller: string | null): Promise<LabellingItem[]> {
  const { rows } = await pgPool().query<LabellingItem>(
    `WITH ranked AS (
       SELECT g.id, row_number() OVER (PARTITION BY g."runId", g."conditionId" ORDER BY md5($1::text || ':' || g.id)) AS rank
         FROM "Generation" g
        WHERE g.status = 'done' AND g.answer IS NOT NULL AND (cardinality($3::int[]) = 0 OR g."runId" = ANY($3::int[]))
     )
     SELECT g.id AS "generationId", g.answer, r.name AS run,
            CASE WHEN c.variant = '' THEN c.kind::text ELSE c.kind::text || ':' || c.variant END AS condition,
            coalesce(q.paraphrases[g."paraphraseIndex" + 1],
                     (SELECT m ->> 'content' FROM jsonb_array_elements(g.messages) m WHERE m ->> 'role' = 'user' LIMIT 1), g."questionKey") AS question,
            g.aligned, g.coherent, j.label, j.score
       FROM ranked s JOIN "Generation" g ON g.id = s.id JOIN "Run" r ON r.id = g."runId" JOIN "Condition" c ON c.id = g."conditionId"
       LEFT JOIN "Question" q ON q.id = g."questionId"
       LEFT JOIN "Judgment" j ON j."generationId" = g.id AND j.pass = $4 AND j.metric = $5 AND j.labeller = $6
      WHERE s.rank <= $2
      ORDER BY md5($1::text || ':order:' || g.id)
      LIMIT ${MAX_SAMPLE}`,
    [sample.seed, sample.per, sample.run, LABEL_PASS, LABEL_METRIC, labeller ?? ""],
  );
  return rows;
}
