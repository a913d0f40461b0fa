import "server-only";
import { pgPool } from "@/lib/db/pg-pool";

export async function listBatches() {
  const { rows } = await pgPool().query<{ id: number; name: string | null; status: string; createdAt: Date; runs: string; questionSet: string; generations: number; finished: number }>(
    `SELECT b.id, b.name, b.status::text AS status, b."createdAt", s.name AS "questionSet",
            (SELECT string_agg(r.name, ', ' ORDER BY r.name) FROM "BatchRun" br JOIN "Run" r ON r.id = br."runId" WHERE br."batchId" = b.id) AS runs,
            (SELECT count(*)::int FROM "Generation" g WHERE g."batchId" = b.id) AS generations,
            (SELECT count(*)::int FROM "Generation" g WHERE g."batchId" = b.id AND g.status <> 'pending') AS finished
       FROM "Batch" b JOIN "QuestionSet" s ON s.id = b."questionSetId" ORDER BY b.id DESC LIMIT 100`,
  );
  return rows;
}

/** What the launch form offers: runs (with their endpoints), question sets and endpoints. */
export async function launchOptions() {
  const [runs, sets, endpoints, observed] = await Promise.all([
    pgPool().query<{ id: number; name: string; endpoint: string | null; trainingTrigger: string | null }>(
      `SELECT r.id, r.name, e.name AS endpoint, r."trainingTrigger" FROM "Run" r LEFT JOIN "Endpoint" e ON e.id = r."endpointId" ORDER BY r.name`,
    ),
    pgPool().query<{ id: number; name: string; questions: { key: string; metrics: string[]; paraphrases: number }[] }>(
      `SELECT s.id, s.name,
              json_agg(json_build_object('key', q.key, 'paraphrases', cardinality(q.paraphrases), 'metrics', (SELECT array_agg(k) FROM jsonb_object_keys(q."judgePrompts") k)) ORDER BY q.position) AS questions
         FROM "QuestionSet" s JOIN "Question" q ON q."questionSetId" = s.id GROUP BY s.id ORDER BY s.name`,
    ),
    pgPool().query<{ id: number; name: string; model: string }>(`SELECT id, name, model FROM "Endpoint" ORDER BY name`),
    // What each run has shown so far (betley, default thresholds), per condition kind: the planner's defaults.
    pgPool().query<{ runId: number; kind: string; n: number; k: number }>(
      `SELECT e."runId", c.kind::text AS kind, sum(e."betleyN")::int AS n, sum(e."betleyK")::int AS k
         FROM "EmCell" e JOIN "Condition" c ON c.id = e."conditionId" WHERE c.kind IN ('none', 'trigger') GROUP BY 1, 2`,
    ),
  ]);
  const shown = new Map<number, { none?: number; trigger?: number }>();
  for (const o of observed.rows) {
    if (o.n === 0) continue;
    shown.set(o.runId, { ...shown.get(o.runId), [o.kind]: o.k / o.n });
  }
  return { runs: runs.rows.map((r) => ({ ...r, observed: shown.get(r.id) ?? null })), questionSets: sets.rows, endpoints: endpoints.rows };
}
