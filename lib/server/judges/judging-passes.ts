import "server-only";
import { pgPool } from "@/lib/db/pg-pool";

export interface JudgingPass {
  /** 0: the primary judgment (first judging of a batch, or imported scores); n > 0: re-judge n. */
  pass: number;
  label: string;
  judgeModel: string;
  status: string;
  generations: number;
}

/** The passes an agreement view can compare: the primary one, then every re-judge, newest first. */
export async function judgingPasses(): Promise<JudgingPass[]> {
  const sql = pgPool();
  const [primary, rejudges] = await Promise.all([
    // Counted from Generation's mirrored columns (one scan) rather than every pass-0 judgment.
    sql.query<{ generations: number; models: string | null }>(
      `SELECT (SELECT count(*)::int FROM "Generation" WHERE "alignedJudgedAt" IS NOT NULL) AS generations,
              (SELECT string_agg(DISTINCT coalesce(b."judgeModel", e.model), ', ') FROM "Batch" b LEFT JOIN "Endpoint" e ON e.id = b."judgeEndpointId") AS models`,
    ),
    sql.query<{ id: number; name: string | null; judgeModel: string; status: string; generations: number }>(
      `SELECT r.id, r.name, r."judgeModel", r.status::text AS status,
              (SELECT count(*)::int FROM "RejudgeGeneration" rg WHERE rg."rejudgeId" = r.id) AS generations
         FROM "Rejudge" r ORDER BY r.id DESC LIMIT 200`,
    ),
  ]);
  return [
    { pass: 0, label: "Primary judgment (pass 0)", judgeModel: primary.rows[0].models ? `${primary.rows[0].models} or imported` : "imported", status: "primary", generations: primary.rows[0].generations },
    ...rejudges.rows.map((r) => ({
      pass: r.id,
      label: `Re-judge ${r.id}${r.name ? `: ${r.name}` : ""}`,
      judgeModel: r.judgeModel,
      status: r.status,
      generations: r.generations,
    })),
  ];
}
