import "server-only";
import { pgPool } from "@/lib/db/pg-pool";
import { naturalCompare } from "@/lib/domain/question-grid";

/** Choices for the explorer's filter form: runs, base models, questions and variants that exist. */
export async function explorerOptions() {
  const [runs, questions, variants] = await Promise.all([
    pgPool().query<{ id: number; name: string; baseModel: string }>(`SELECT id, name, "baseModel" FROM "Run" ORDER BY name`),
    pgPool().query<{ key: string }>(`SELECT DISTINCT key FROM "Question"`),
    pgPool().query<{ variant: string }>(`SELECT DISTINCT variant FROM "Condition" WHERE variant <> '' ORDER BY variant`),
  ]);
  return {
    runs: runs.rows,
    baseModels: [...new Set(runs.rows.map((r) => r.baseModel))].sort(),
    questions: questions.rows.map((r) => r.key).sort(naturalCompare),
    variants: variants.rows.map((r) => r.variant),
  };
}
