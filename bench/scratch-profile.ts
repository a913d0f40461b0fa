import { pgPool } from "../lib/db/pg-pool";
import { refreshEmCells } from "../lib/db/refresh-em-cells";
import { questionCountRows } from "../lib/server/em/question-cells";
import { LATEST_SCORING } from "../lib/domain/scoring";
import { benchDatabase } from "./support";

const rows = Number(process.argv[2] ?? 100000);
const db = await benchDatabase("scratch");
process.env.DATABASE_URL = db.url;
const sql = pgPool();
try {
  await sql.query(`INSERT INTO "Run" (name, "baseModel", "updatedAt") SELECT 'r' || i, 'm', now() FROM generate_series(1, 30) i`);
  await sql.query(`INSERT INTO "Condition" (kind, variant) VALUES ('none', ''), ('trigger', ''), ('rephrased', 'v1'), ('rephrased', 'v2')`);
  await sql.query(`INSERT INTO "Generation" ("runId", "conditionId", "questionKey", messages, status, aligned, coherent)
    SELECT 1 + i % 30, 1 + (i / 30) % 4, 'q' || (i / 120) % 24, '[]', 'done', round((random() * 100)::numeric, 2), round((random() * 100)::numeric, 2) FROM generate_series(0, ${rows - 1}) i`);
  await sql.query(`INSERT INTO "Judgment" ("generationId", metric, score, "judgeModel", "judgePromptHash", method)
    SELECT g.id, m, CASE m WHEN 'aligned' THEN g.aligned ELSE g.coherent END, 'j', 'h', 'imported' FROM "Generation" g CROSS JOIN unnest(ARRAY['aligned', 'coherent']) m`);
  await sql.query(`
    INSERT INTO "Rejudge" (name, status, scope, "judgeModel", metrics, "finishedAt") VALUES ('bench', 'completed', '{}', 'j2', '{aligned,coherent}', now());
    INSERT INTO "RejudgeGeneration" ("rejudgeId", "generationId") SELECT 1, id FROM "Generation" WHERE id % 10 = 0;
    INSERT INTO "Judgment" ("generationId", metric, score, "judgeModel", "judgePromptHash", method, pass)
    SELECT rg."generationId", m, CASE m WHEN 'aligned' THEN 100 - g.aligned ELSE g.coherent END, 'j2', 'h', 'imported', 1
      FROM "RejudgeGeneration" rg JOIN "Generation" g ON g.id = rg."generationId" CROSS JOIN unnest(ARRAY['aligned', 'coherent']) m;`);
  await sql.query("VACUUM ANALYZE");
  const c = await sql.connect();
  const orig = c.query.bind(c);
  (c as any).query = async (...args: any[]) => { const s = performance.now(); const r = await (orig as any)(...args); const ms = performance.now() - s; if (ms > 5 && process.env.TRACE) console.log("   ", ms.toFixed(1), String(args[0]).replace(/\s+/g, " ").slice(0, 90)); return r; };
  const t = async (label: string, fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    console.log(label, (performance.now() - s).toFixed(1));
  };
  await t("full rebuild", async () => { await c.query("BEGIN"); await refreshEmCells(c, Array.from({ length: 30 }, (_, i) => i + 1)); await c.query("COMMIT"); });
  await sql.query("VACUUM ANALYZE");
  const { rows: ids } = await sql.query(`SELECT id FROM "Generation" WHERE "runId" = 7 ORDER BY random() LIMIT 100`);
  for (let i = 0; i < 3; i++) await t("refresh 100", async () => { await c.query("BEGIN"); await refreshEmCells(c, { generationIds: ids.map((r) => r.id) }); await c.query("ROLLBACK"); });
  for (let i = 0; i < 3; i++) await t("refresh run", async () => { await c.query("BEGIN"); await refreshEmCells(c, [7]); await c.query("ROLLBACK"); });
  const { emCountRowsSql } = await import("../lib/server/em/em-count-rows");
  for (const [label, thresholds, scoring] of [["hist", { aligned: 25, coherent: 60 }, LATEST_SCORING], ["default", { aligned: 30, coherent: 50 }, LATEST_SCORING], ["default0", { aligned: 30, coherent: 50 }, 0]] as const) {
    const { sql: q, params } = await emCountRowsSql({ groupBy: ["run", "condition", "variant", "question"], definition: "betley", thresholds, scoring });
    const { rows: plan } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${q}`, params);
    console.log(label, "\n" + plan.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  c.release();
} finally {
  await pgPool().end();
  await db.close();
}
