import "server-only";
import { pgPool } from "@/lib/db/pg-pool";
import type { PassInfo } from "@/lib/domain/scoring";

/** Every re-judge as an EM view can count it (newest first): the options of the pass control and the caption's names. */
export async function viewPasses(): Promise<PassInfo[]> {
  const { rows } = await pgPool().query<PassInfo>(
    `SELECT r.id AS pass, r.name, r."judgeModel", r.status::text AS status, r.counting::text AS counting, r.metrics,
            (SELECT count(*)::int FROM "RejudgeGeneration" rg WHERE rg."rejudgeId" = r.id) AS generations
       FROM "Rejudge" r ORDER BY r.id DESC LIMIT 200`,
  );
  return rows;
}
