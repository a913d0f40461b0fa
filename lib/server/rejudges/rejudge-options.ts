import "server-only";
import { pgPool } from "@/lib/db/pg-pool";

/** What the Re-judge form offers: runs, batches, judge endpoints, and a judge prompt per metric to start an edit from. */
export async function rejudgeOptions() {
  const sql = pgPool();
  const [runs, batches, endpoints, prompts] = await Promise.all([
    sql.query<{ id: number; name: string }>(`SELECT id, name FROM "Run" ORDER BY name`),
    sql.query<{ id: number; name: string | null }>(`SELECT id, name FROM "Batch" ORDER BY id DESC LIMIT 200`),
    sql.query<{ id: number; name: string; model: string }>(`SELECT id, name, model FROM "Endpoint" ORDER BY name`),
    sql.query<{ metric: string; template: string; questionSet: string }>(
      `SELECT DISTINCT ON (p.key) p.key AS metric, p.value AS template, s.name AS "questionSet"
         FROM "Question" q JOIN "QuestionSet" s ON s.id = q."questionSetId" CROSS JOIN jsonb_each_text(q."judgePrompts") p
        ORDER BY p.key, s.id DESC, q.position`,
    ),
  ]);
  return { runs: runs.rows, batches: batches.rows, endpoints: endpoints.rows, prompts: prompts.rows };
}

export type RejudgeOptions = Awaited<ReturnType<typeof rejudgeOptions>>;
