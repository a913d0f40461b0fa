import "server-only";
import { pgPool } from "@/lib/db/pg-pool";

export async function listRejudges() {
  const { rows } = await pgPool().query<{ id: number; name: string | null; status: string; judgeModel: string; metrics: string[]; createdAt: Date; generations: number; judged: number; total: number }>(
    `SELECT r.id, r.name, r.status::text AS status, r."judgeModel", r.metrics, r."createdAt",
            (SELECT count(*)::int FROM "RejudgeGeneration" rg WHERE rg."rejudgeId" = r.id) AS generations,
            (SELECT count(*)::int FROM "Judgment" j WHERE j.pass = r.id AND j.metric = ANY(r.metrics)) AS judged,
            (SELECT count(*)::int FROM "RejudgeGeneration" rg WHERE rg."rejudgeId" = r.id) * cardinality(r.metrics) AS total
       FROM "Rejudge" r ORDER BY r.id DESC LIMIT 100`,
  );
  return rows;
}
