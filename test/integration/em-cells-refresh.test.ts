// The per-cell aggregates (EmCell, EmHist) against the generations they summarise: counts read
// from the histograms equal live counts at integer thresholds across the whole range, and
// refreshing only the cells of changed generations, round after round of random inserts and
// updates, leaves exactly the tables a full rebuild makes. Real Postgres, seeded random data.
import { describe, expect, it } from "vitest";
import { refreshEmCells } from "@/lib/db/refresh-em-cells";
import { startWorker } from "@/lib/eval/worker";
import { inTransaction } from "@/lib/db/pg-pool";
import { EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { createRng, randomInt } from "@/lib/domain/random";
import { LATEST_SCORING, PRIMARY_SCORING } from "@/lib/domain/scoring";
import { emCountRows } from "@/lib/server/em/em-count-rows";
import { runThresholdSweep } from "@/lib/server/em/run-threshold-sweep";
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

describe("per-cell aggregates under re-judges", () => {
  let rejudgeIds: number[] = [];

  /** A re-judge pass over `ids` whose judge scores at random (some failed calls, which never count). */
  async function rejudge(ids: number[], status: string, counting = "auto"): Promise<number> {
    const { rows: [r] } = await db.sql.query<{ id: number }>(
      `INSERT INTO "Rejudge" (status, scope, "judgeModel", metrics, counting) VALUES ($1::"BatchStatus", '{}', 'judge-2', '{aligned,coherent}', $2::"RejudgeCounting") RETURNING id`,
      [status, counting],
    );
    await db.sql.query(`INSERT INTO "RejudgeGeneration" ("rejudgeId", "generationId") SELECT $1, unnest($2::int[])`, [r.id, ids]);
    await judge(r.id, ids);
    return r.id;
  }

  async function judge(pass: number, ids: number[]): Promise<void> {
    for (const metric of ["aligned", "coherent"]) {
      const scores = ids.map(() => score());
      const errors = ids.map(() => (random() < 0.05 ? "refusal: no score" : null));
      await db.sql.query(
        `INSERT INTO "Judgment" ("generationId", metric, score, error, "judgeModel", "judgePromptHash", method, pass)
         SELECT g, $2, s, e, 'judge-2', 'h', 'imported', $1 FROM unnest($3::int[], $4::float8[], $5::text[]) AS t(g, s, e)
         ON CONFLICT ("generationId", metric, "judgeModel", "judgePromptHash", pass) DO UPDATE SET score = EXCLUDED.score, error = EXCLUDED.error`,
        [pass, metric, ids, scores, errors],
      );
    }
  }

  async function allTables() {
    const deltas = await db.sql.query(
      `SELECT scoring, "runId", "conditionId", "questionKey", "coherentBin", "alignedKey", count, round("alignedSum"::numeric, 6)::float8 AS "alignedSum"
         FROM "EmDelta" ORDER BY 1, 2, 3, 4, 5 NULLS FIRST, 6 NULLS FIRST`,
    );
    return { ...(await tables()), deltas: deltas.rows };
  }

  it("ticks of new and re-judged answers keep every scoring equal to a full rebuild and to live counts", async () => {
    const { rows: done } = await db.sql.query<{ id: number }>(`SELECT id FROM "Generation" WHERE status = 'done' ORDER BY md5(id::text) LIMIT 900`);
    const ids = done.map((r) => r.id);
    rejudgeIds = [await rejudge(ids.slice(0, 600), "completed"), await rejudge(ids.slice(300, 900), "completed"), await rejudge(ids.slice(0, 200), "running", "primary")];
    await inTransaction((client) => refreshEmCells(client, runIds));

    for (let round = 0; round < 10; round++) {
      // A batch tick: new answers no re-judge covers (the stored deltas serve) ...
      const changed = await insertGenerations(randomInt(random, 60));
      // ... and, on some rounds, a re-judge tick: new judgments of re-judged answers, or a pass-0
      // score of a re-judged answer changing (its deltas must be looked up again).
      if (round % 3 === 1) {
        const some = ids.slice(round * 20, round * 20 + 20);
        await judge(rejudgeIds[2], some.filter((id) => ids.indexOf(id) < 200));
        changed.push(...some);
      }
      if (round % 3 === 2) {
        const id = ids[round * 7];
        await db.sql.query(`UPDATE "Generation" SET aligned = $2 WHERE id = $1`, [id, score()]);
        changed.push(id);
      }
      await inTransaction((client) => refreshEmCells(client, { generationIds: changed }));
    }
    const incremental = await allTables();
    await db.sql.query(`DELETE FROM "EmHist"; DELETE FROM "EmCell"; DELETE FROM "EmDelta"`);
    await inTransaction((client) => refreshEmCells(client, runIds));
    const full = await allTables();
    expect(incremental.cells.filter((c) => c.scoring !== 0).length).toBeGreaterThan(36);
    expect(incremental.deltas.length).toBeGreaterThan(100);
    expect(full).toEqual(incremental);

    // Every scoring's counts from the aggregates equal the live join of its judgments.
    for (const scoring of [PRIMARY_SCORING, LATEST_SCORING, ...rejudgeIds]) {
      for (const thresholds of [{ aligned: 30, coherent: 50 }, { aligned: 25, coherent: 60 }]) {
        const query = { groupBy: ["run" as const, "condition" as const, "question" as const], definition: "betley" as const, thresholds, scoring };
        const strip = (rows: Awaited<ReturnType<typeof emCountRows>>) => rows.map((r) => ({ ...r, alignedSum: Math.round(r.alignedSum * 1e6) }));
        expect(strip(await emCountRows(query)), `scoring ${scoring} ${JSON.stringify(thresholds)}`).toEqual(strip(await emCountRows({ ...query, live: true })));
      }
    }
  });

  it("the run page's threshold sweep read from the histograms equals counting the answers, under every scoring", async () => {
    let compared = 0;
    for (const scoring of [PRIMARY_SCORING, LATEST_SCORING, ...rejudgeIds]) {
      for (const definition of EM_DEFINITIONS) {
        for (const coherentThreshold of [0, 50, 73, 99, 100]) {
          for (const runId of runIds) {
            const query = { runId, definition, coherentThreshold, scoring };
            const [fromHistograms, live] = await Promise.all([runThresholdSweep(query), runThresholdSweep({ ...query, live: true })]);
            expect(fromHistograms, JSON.stringify(query)).toEqual(live);
            compared += live.points.filter((p) => Object.values(p).some((v, i) => i > 0 && v !== null && v > 0)).length;
          }
        }
      }
    }
    // The sweeps compared are not all empty or zero.
    expect(compared).toBeGreaterThan(1000);
  });

  it("a tick of answers no re-judge covers reads the stored deltas instead of the re-judges' judgments", async () => {
    // Changing a re-judge's judgment behind the refresh's back (no tick names its answer) shows
    // which path ran: the stored deltas keep the old score until a tick names a re-judged answer.
    const { rows: [victim] } = await db.sql.query<{ generationId: number; runId: number; conditionId: number; questionKey: string }>(
      `SELECT rg."generationId", g."runId", g."conditionId", g."questionKey" FROM "RejudgeGeneration" rg JOIN "Generation" g ON g.id = rg."generationId"
        WHERE rg."rejudgeId" = $1 AND g.aligned IS NOT NULL ORDER BY g.id LIMIT 1`,
      [rejudgeIds[0]],
    );
    const before = await allTables();
    await db.sql.query(`UPDATE "Judgment" SET score = 100 - coalesce(score, 0), error = NULL WHERE "generationId" = $1 AND pass = $2 AND metric = 'aligned'`, [victim.generationId, rejudgeIds[0]]);
    const { rows: [fresh] } = await db.sql.query<{ id: number }>(
      `INSERT INTO "Generation" ("runId", "conditionId", "questionKey", messages, status, aligned, coherent) VALUES ($1, $2, $3, '[]', 'done', 10, 90) RETURNING id`,
      [victim.runId, victim.conditionId, victim.questionKey],
    );
    await inTransaction((client) => refreshEmCells(client, { generationIds: [fresh.id] }));
    expect((await allTables()).deltas).toEqual(before.deltas);
    await inTransaction((client) => refreshEmCells(client, { generationIds: [victim.generationId] }));
    expect((await allTables()).deltas).not.toEqual(before.deltas);

    // A database from before EmDelta (re-judge EmCell rows, no deltas) gets them looked up on its first tick.
    const expected = (await allTables()).deltas.filter((d) => d.runId === victim.runId && d.conditionId === victim.conditionId && d.questionKey === victim.questionKey);
    await db.sql.query(`DELETE FROM "EmDelta"`);
    await inTransaction((client) => refreshEmCells(client, { generationIds: [fresh.id] }));
    expect((await allTables()).deltas).toEqual(expected);
  });

  it("a worker starting on an upgraded database builds the aggregates of re-judges that have none", async () => {
    await inTransaction((client) => refreshEmCells(client, runIds));
    const built = await allTables();
    const [, second] = rejudgeIds;
    await db.sql.query(`DELETE FROM "EmHist" WHERE scoring = $1; DELETE FROM "EmCell" WHERE scoring = $1; DELETE FROM "EmDelta" WHERE scoring = $1`.replaceAll("$1", String(second)));
    expect((await allTables()).cells.some((c) => c.scoring === second)).toBe(false);
    const worker = await startWorker({ databaseUrl: db.url, concurrency: 2 });
    await worker.stop();
    expect(await allTables()).toEqual(built);
  });
});
