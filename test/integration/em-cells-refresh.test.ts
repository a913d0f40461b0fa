// The per-cell aggregates (EmCell, EmHist) against the generations they summarise: counts read
// from the histograms equal live counts at integer thresholds across the whole range, and
// refreshing only the cells of changed generations, round after round of random inserts and
// updates, leaves exactly the tables a full rebuild makes. Real Postgres, seeded random data.
import { describe, expect, it } from "vitest";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { inTransaction } from "@/lib/db/pg-pool";
import { EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { createRng, randomInt } from "@/lib/domain/random";
import { emCountRows } from "@/lib/server/em/em-count-rows";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const random = createRng(2026);

/** A judge score: fractional (logprob-weighted), integer, or null (CODE, REFUSAL). */
function score(): number | null {
  const u = random();
  if (u < 0.08) return null;
  if (u < 0.4) return randomInt(random, 101);
  return Math.round(random() * 100 * 1000) / 1000;
}

let runIds: number[] = [];
let conditionIds: number[] = [];

async function insertGenerations(count: number): Promise<number[]> {
  const values: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    values.push([runIds[randomInt(random, runIds.length)], conditionIds[randomInt(random, conditionIds.length)], `q${randomInt(random, 6)}`, random() < 0.9 ? "done" : "pending", score(), score()]);
  }
  const { rows } = await db.sql.query<{ id: number }>(
    `INSERT INTO "Generation" ("runId", "conditionId", "questionKey", messages, status, aligned, coherent)
     SELECT r, c, q, '[]', s::"GenerationStatus", a, h FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::float8[]) AS t(r, c, q, s, a, h)
     RETURNING id`,
    [0, 1, 2, 3, 4, 5].map((j) => values.map((v) => v[j])),
  );
  return rows.map((r) => r.id);
}

async function tables() {
  const cells = await db.sql.query(`SELECT * FROM "EmCell" ORDER BY scoring, "runId", "conditionId", "questionKey"`);
  const hists = await db.sql.query(`SELECT * FROM "EmHist" ORDER BY scoring, "runId", "conditionId", "questionKey", "coherentFrom"`);
  return { cells: cells.rows.map((r) => ({ ...r, alignedSum: Math.round(r.alignedSum * 1e6) })), hists: hists.rows };
}

describe("per-cell aggregates", () => {
  it("seed: 3 runs x 2 conditions x 6 questions, 3,000 generations with fractional, integer and null scores", async () => {
    const runs = await db.sql.query<{ id: number }>(`INSERT INTO "Run" (name, "baseModel", "updatedAt") SELECT 'run-' || i, 'm', now() FROM generate_series(1, 3) i RETURNING id`);
    const conditions = await db.sql.query<{ id: number }>(`INSERT INTO "Condition" (kind, variant) VALUES ('none', ''), ('trigger', '') RETURNING id`);
    runIds = runs.rows.map((r) => r.id);
    conditionIds = conditions.rows.map((r) => r.id);
    expect(await insertGenerations(3000)).toHaveLength(3000);
    await inTransaction((client) => refreshEmCells(client, runIds));
    const { rows } = await db.sql.query(`SELECT count(*)::int AS cells, sum(total)::int AS total FROM "EmCell"`);
    const done = await db.sql.query(`SELECT count(*)::int AS n FROM "Generation" WHERE status = 'done'`);
    expect(rows[0]).toEqual({ cells: 36, total: done.rows[0].n });
  });

  it("histogram counts equal live counts at every integer aligned threshold and every integer coherence threshold", async () => {
    const mismatches: string[] = [];
    const grid: { aligned: number; coherent: number }[] = [];
    for (let t = 0; t <= 100; t++) for (const other of [0, 30, 50, 99]) grid.push({ aligned: t, coherent: other }, { aligned: other, coherent: t });
    for (const definition of EM_DEFINITIONS) {
      for (const thresholds of grid) {
        const query = { groupBy: ["run" as const, "condition" as const, "question" as const], definition, thresholds, scoring: 0 };
        const [fromCells, live] = await Promise.all([emCountRows(query), emCountRows({ ...query, live: true })]);
        const strip = (rows: typeof live) => rows.map((r) => ({ ...r, alignedSum: Math.round(r.alignedSum * 1e6) }));
        if (JSON.stringify(strip(fromCells)) !== JSON.stringify(strip(live))) mismatches.push(`${definition} ${JSON.stringify(thresholds)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The data exercise the thresholds: misaligned answers at A = 50 and none at A = 0 (betley).
    const [some] = await emCountRows({ groupBy: [], definition: "betley", thresholds: { aligned: 50, coherent: 50 }, scoring: 0 });
    expect(some.k).toBeGreaterThan(100);
  });

  it("refreshing only the cells of changed generations, over 15 rounds of random changes, equals a full rebuild", async () => {
    for (let round = 0; round < 15; round++) {
      const changed = await insertGenerations(randomInt(random, 40));
      const { rows: picked } = await db.sql.query<{ id: number }>(`SELECT id FROM "Generation" ORDER BY md5(id::text || $1) LIMIT 30`, [String(round)]);
      for (const { id } of picked) {
        const u = random();
        if (u < 0.5) await db.sql.query(`UPDATE "Generation" SET aligned = $2, coherent = $3 WHERE id = $1`, [id, score(), score()]);
        else if (u < 0.8) await db.sql.query(`UPDATE "Generation" SET status = CASE WHEN status = 'done' THEN 'failed'::"GenerationStatus" ELSE 'done' END WHERE id = $1`, [id]);
        else await db.sql.query(`UPDATE "Generation" SET coherent = NULL, status = 'done' WHERE id = $1`, [id]);
        changed.push(id);
      }
      // (A generation never changes cell: the engine writes scores and status, never run, condition or question.)
      await inTransaction((client) => refreshEmCells(client, { generationIds: changed }));
    }
    const incremental = await tables();
    await db.sql.query(`DELETE FROM "EmHist"; DELETE FROM "EmCell"`);
    await inTransaction((client) => refreshEmCells(client, runIds));
    const full = await tables();
    expect(incremental.cells.length).toBe(36);
    expect(incremental.hists.length).toBeGreaterThan(36 * 20);
    expect(full).toEqual(incremental);
  });
});
