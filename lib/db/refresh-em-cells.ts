import type pg from "pg";
import { DEFAULT_THRESHOLDS, EM_DEFINITIONS, emDefinition } from "@/lib/domain/em-definitions";
import { alignedKeySql, coherentBinSql, cumulateHistogram, histogramCounts, type HistogramPoint } from "@/lib/domain/em-histogram";
import { groupRows } from "@/lib/domain/group-rows";
import { countedRank, LATEST_SCORING, PRIMARY_SCORING, type RejudgeCounting } from "@/lib/domain/scoring";
import { countedPassesCte, countedPassesParams, countedScores, type CountedPass } from "./counted-scores";

/**
 * What changed: whole runs (an import), the generations a worker just wrote (a batch or re-judge
 * in progress), every generation of a batch, or every generation a re-judge covers (it completed,
 * or its counting changed). Only the cells (run x condition x question) holding them are rebuilt.
 */
export type EmCellScope = { runIds: number[] } | { generationIds: number[] } | { batchId: number } | { rejudgeId: number };

interface CellKeys {
  runIds: number[];
  conditionIds: number[];
  questionKeys: string[];
}

type PointRow = { scoring: number; runId: number; conditionId: number; questionKey: string; cb: number | null; ak: number | null; count: number; alignedSum: number };

const CELLS_OF = {
  generationIds: `SELECT DISTINCT g."runId", g."conditionId", g."questionKey" FROM "Generation" g WHERE g.id = ANY($1::int[])`,
  batchId: `SELECT DISTINCT g."runId", g."conditionId", g."questionKey" FROM "Generation" g WHERE g."batchId" = $1`,
  rejudgeId: `SELECT DISTINCT g."runId", g."conditionId", g."questionKey" FROM "RejudgeGeneration" rg JOIN "Generation" g ON g.id = rg."generationId" WHERE rg."rejudgeId" = $1`,
} as const;

const INSERT_CHUNK = 2000;

/**
 * Recomputes EmCell and EmHist for the cells in scope, for every scoring that has rows there
 * (pass 0; each re-judge that covers one of the cells; the default resolution when a counted
 * re-judge does), inside the caller's transaction. Work is proportional to the answers in those
 * cells, not to the run. A per-run advisory lock orders concurrent refreshes, and every statement
 * after it reads a fresh snapshot, so the last refresh to commit has seen every committed row.
 * `number[]` is `{ runIds }`.
 */
export async function refreshEmCells(client: pg.ClientBase, scope: EmCellScope | number[]): Promise<void> {
  const s: EmCellScope = Array.isArray(scope) ? { runIds: scope } : scope;
  let target: string;
  let targetParams: unknown[];
  let runs: number[];
  if ("runIds" in s) {
    runs = [...new Set(s.runIds)];
    target = `g."runId" = ANY($1::int[])`;
    targetParams = [runs];
  } else {
    const key = Object.keys(s)[0] as keyof typeof CELLS_OF;
    const value = (s as Record<string, unknown>)[key];
    if (Array.isArray(value) && !value.length) return;
    const { rows } = await client.query<{ runId: number; conditionId: number; questionKey: string }>(CELLS_OF[key], [value]);
    const cells: CellKeys = { runIds: rows.map((r) => r.runId), conditionIds: rows.map((r) => r.conditionId), questionKeys: rows.map((r) => r.questionKey) };
    runs = [...new Set(cells.runIds)];
    target = `(g."runId", g."conditionId", g."questionKey") IN (SELECT * FROM unnest($1::int[], $2::int[], $3::text[]))`;
    targetParams = [cells.runIds, cells.conditionIds, cells.questionKeys];
  }
  if (!runs.length) return;
  runs.sort((a, b) => a - b);
  for (const id of runs) await client.query(`SELECT pg_advisory_xact_lock(hashtext('emlab.em-cells'), $1)`, [id]);

  const cellTarget = target.replaceAll(`g."`, `t."`);
  const points = await primaryPoints(client, target, targetParams);
  points.push(...overlay(points, await scoringDeltas(client, s, target, cellTarget, targetParams)));

  await client.query(`DELETE FROM "EmHist" t WHERE ${cellTarget}`, targetParams);
  await client.query(`DELETE FROM "EmCell" t WHERE ${cellTarget}`, targetParams);
  await writeCells(client, points);
}

function pointsSelect(from: string): string {
  return `SELECT scoring, "runId", "conditionId", "questionKey", ${coherentBinSql("coherent")} AS cb, ${alignedKeySql("aligned")} AS ak,
                 count(*)::int AS count, coalesce(sum(aligned), 0)::float8 AS "alignedSum"
            FROM (${from}) s GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** Pass 0: the scores mirrored on Generation. */
async function primaryPoints(client: pg.ClientBase, target: string, params: unknown[]): Promise<PointRow[]> {
  const from = `SELECT ${PRIMARY_SCORING} AS scoring, g."runId", g."conditionId", g."questionKey", g.aligned, g.coherent
                  FROM "Generation" g WHERE g.status = 'done' AND ${target}`;
  return (await client.query<PointRow>(pointsSelect(from), params)).rows;
}

type DeltaRow = PointRow & { sign: number };

/**
 * The re-judge scorings' deltas over pass 0 in the cells: read from EmDelta when only answers no
 * re-judge covers changed (new pass-0 answers of a batch cannot change a re-judge's deltas), else
 * looked up again and stored. Cells whose EmCell re-judge rows have no EmDelta rows (built before
 * EmDelta existed) are looked up too.
 */
async function scoringDeltas(client: pg.ClientBase, scope: EmCellScope, target: string, cellTarget: string, params: unknown[]): Promise<DeltaRow[]> {
  if ("generationIds" in scope && !(await deltasMayHaveChanged(client, scope.generationIds, cellTarget, params))) {
    const { rows } = await client.query<DeltaRow>(
      `SELECT scoring, "runId", "conditionId", "questionKey", "coherentBin" AS cb, "alignedKey" AS ak, count, "alignedSum", 1 AS sign
         FROM "EmDelta" t WHERE ${cellTarget}`,
      params,
    );
    return rows;
  }
  const deltas = netDeltas(await rejudgeDeltas(client, target, params));
  await client.query(`DELETE FROM "EmDelta" t WHERE ${cellTarget}`, params);
  for (let i = 0; i < deltas.length; i += INSERT_CHUNK) {
    const chunk = deltas.slice(i, i + INSERT_CHUNK);
    const column = <K extends keyof DeltaRow>(key: K) => chunk.map((d) => d[key]);
    await client.query(
      `INSERT INTO "EmDelta" (scoring, "runId", "conditionId", "questionKey", "coherentBin", "alignedKey", count, "alignedSum")
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::float8[])`,
      [column("scoring"), column("runId"), column("conditionId"), column("questionKey"), column("cb"), column("ak"), column("count"), column("alignedSum")],
    );
  }
  return deltas;
}

/** Whether any of the answers is re-judged, or a re-judge scoring of the cells has no stored deltas. */
async function deltasMayHaveChanged(client: pg.ClientBase, generationIds: number[], cellTarget: string, params: unknown[]): Promise<boolean> {
  const n = params.length;
  const { rows } = await client.query<{ changed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "RejudgeGeneration" WHERE "generationId" = ANY($${n + 1}::int[]))
         OR EXISTS (SELECT 1 FROM "EmCell" t WHERE t.scoring <> ${PRIMARY_SCORING} AND ${cellTarget}
                       AND NOT EXISTS (SELECT 1 FROM "EmDelta" d WHERE d.scoring = t.scoring AND d."runId" = t."runId"
                                          AND d."conditionId" = t."conditionId" AND d."questionKey" = t."questionKey")) AS changed`,
    [...params, generationIds],
  );
  return rows[0].changed;
}

/**
 * Signed deltas summed per (scoring, cell, bin), zeros dropped, with one zero row kept for a
 * (scoring, cell) whose re-judge changed nothing, so that it still gets its own EmCell rows.
 */
function netDeltas(deltas: readonly DeltaRow[]): DeltaRow[] {
  const byPoint = new Map<string, DeltaRow>();
  const scored = new Map<string, DeltaRow>();
  for (const d of deltas) {
    const cell = `${d.scoring}\u0000${cellKey(d)}`;
    if (!scored.has(cell)) scored.set(cell, { ...d, cb: null, ak: null, count: 0, alignedSum: 0, sign: 1 });
    const key = `${cell}\u0000${d.cb}|${d.ak}`;
    const at = byPoint.get(key) ?? { ...d, count: 0, alignedSum: 0, sign: 1 };
    at.count += d.sign * d.count;
    at.alignedSum += d.sign * d.alignedSum;
    byPoint.set(key, at);
  }
  const kept = [...byPoint.values()].filter((p) => p.count !== 0 || Math.abs(p.alignedSum) > 1e-9);
  const covered = new Set(kept.map((p) => `${p.scoring}\u0000${cellKey(p)}`));
  return [...kept, ...[...scored].filter(([cell]) => !covered.has(cell)).map(([, zero]) => zero)];
}

/**
 * What each re-judge covering these cells (scoring = its id), and the default resolution over the
 * counted ones (LATEST_SCORING), change in pass 0's points: for every answer a scoring's passes
 * re-judged, +1 at the score it counts (per metric the highest-ranked judgment without an error,
 * else pass 0's) and -1 at its pass 0 score. Only re-judged answers are read (one index lookup per
 * answer and metric, whatever the planner's statistics), not every answer of their cells.
 */
async function rejudgeDeltas(client: pg.ClientBase, target: string, params: unknown[]): Promise<DeltaRow[]> {
  const { rows: any } = await client.query(`SELECT 1 FROM "Rejudge" LIMIT 1`);
  if (!any.length) return [];
  const n = params.length;
  const { rows: passes } = await client.query<{ id: number; status: string; counting: RejudgeCounting }>(
    `SELECT r.id, r.status::text AS status, r.counting::text AS counting FROM "Rejudge" r
      WHERE r.id IN (SELECT rg."rejudgeId" FROM "RejudgeGeneration" rg JOIN "Generation" g ON g.id = rg."generationId" WHERE ${target})`,
    params,
  );
  if (!passes.length) return [];
  const sp: CountedPass[] = passes.map((p) => ({ scoring: p.id, pass: p.id, rank: 1 }));
  for (const p of passes) {
    const rank = countedRank(p);
    if (rank !== null) sp.push({ scoring: LATEST_SCORING, pass: p.id, rank });
  }
  const scores = countedScores("g.scoring");
  const sql = `
    WITH ${countedPassesCte(n + 1)},
         covered AS (SELECT DISTINCT sp.scoring, g.id, g."runId", g."conditionId", g."questionKey", g.aligned, g.coherent
                       FROM sp JOIN "RejudgeGeneration" rg ON rg."rejudgeId" = sp.pass JOIN "Generation" g ON g.id = rg."generationId"
                      WHERE g.status = 'done' AND ${target})
    SELECT scoring, "runId", "conditionId", "questionKey", ${coherentBinSql("coherent")} AS cb, ${alignedKeySql("aligned")} AS ak,
           sign, count(*)::int AS count, coalesce(sum(aligned), 0)::float8 AS "alignedSum"
      FROM (SELECT g.scoring, g."runId", g."conditionId", g."questionKey", ${scores.aligned} AS aligned, ${scores.coherent} AS coherent, 1 AS sign
              FROM covered g ${scores.joins}
            UNION ALL
            SELECT g.scoring, g."runId", g."conditionId", g."questionKey", g.aligned, g.coherent, -1 FROM covered g) s
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  return (await client.query<DeltaRow>(sql, [...params, ...countedPassesParams(sp)])).rows;
}

const cellKey = (p: Pick<PointRow, "runId" | "conditionId" | "questionKey">) => `${p.runId}\u0000${p.conditionId}\u0000${p.questionKey}`;

/** The points of each (scoring, cell) a re-judge changes: pass 0's points of the cell plus the deltas. */
function overlay(primary: readonly PointRow[], deltas: readonly DeltaRow[]): PointRow[] {
  if (!deltas.length) return [];
  const byCell = groupRows(primary, cellKey);
  const scored = new Map<string, Map<string, PointRow>>();
  const bin = (p: Pick<PointRow, "cb" | "ak">) => `${p.cb}|${p.ak}`;
  for (const d of deltas) {
    const key = `${d.scoring}\u0000${cellKey(d)}`;
    let points = scored.get(key);
    if (!points) {
      points = new Map((byCell.get(cellKey(d)) ?? []).map((p) => [bin(p), { ...p, scoring: d.scoring }]));
      scored.set(key, points);
    }
    const at = points.get(bin(d)) ?? { scoring: d.scoring, runId: d.runId, conditionId: d.conditionId, questionKey: d.questionKey, cb: d.cb, ak: d.ak, count: 0, alignedSum: 0 };
    at.count += d.sign * d.count;
    at.alignedSum += d.sign * d.alignedSum;
    points.set(bin(d), at);
  }
  return [...scored.values()].flatMap((points) => [...points.values()].filter((p) => p.count !== 0));
}

async function writeCells(client: pg.ClientBase, points: PointRow[]): Promise<void> {
  const cells = groupRows(points, (p) => `${p.scoring}\u0000${cellKey(p)}`);
  const cellRows: (number | string)[][] = [];
  const histRows: (number | string)[][] = [];
  const counterColumns = EM_DEFINITIONS.flatMap((name) => [emDefinition(name).cellColumns.n, emDefinition(name).cellColumns.k]);
  for (const list of cells.values()) {
    const { scoring, runId, conditionId, questionKey } = list[0];
    const hist: HistogramPoint[] = list.map((p) => ({ coherentBin: p.cb, alignedKey: p.ak, count: p.count }));
    const rows = cumulateHistogram(hist);
    const bothScored = list.reduce((sum, p) => sum + (p.cb !== null && p.ak !== null ? p.count : 0), 0);
    const counters = EM_DEFINITIONS.flatMap((name) => {
      const { n, k } = histogramCounts(rows, bothScored, name, DEFAULT_THRESHOLDS);
      return [n, k];
    });
    cellRows.push([
      scoring,
      runId,
      conditionId,
      questionKey,
      list.reduce((sum, p) => sum + p.count, 0),
      list.reduce((sum, p) => sum + (p.ak === null ? p.count : 0), 0),
      list.reduce((sum, p) => sum + p.alignedSum, 0),
      ...counters,
    ]);
    for (const r of rows) histRows.push([scoring, runId, conditionId, questionKey, r.coherentFrom, r.alignedFrom, `{${r.counts.join(",")}}`]);
  }
  const columns = (rows: (number | string)[][], i: number) => rows.map((r) => r[i]);
  const cellTypes = ["int", "int", "int", "text", "int", "int", "float8", ...counterColumns.map(() => "int")];
  for (let i = 0; i < cellRows.length; i += INSERT_CHUNK) {
    const chunk = cellRows.slice(i, i + INSERT_CHUNK);
    await client.query(
      `INSERT INTO "EmCell" (scoring, "runId", "conditionId", "questionKey", total, "nullAligned", "alignedSum", ${counterColumns.join(", ")})
       SELECT * FROM unnest(${cellTypes.map((t, j) => `$${j + 1}::${t}[]`).join(", ")})`,
      cellTypes.map((_, j) => columns(chunk, j)),
    );
  }
  for (let i = 0; i < histRows.length; i += INSERT_CHUNK) {
    const chunk = histRows.slice(i, i + INSERT_CHUNK);
    await client.query(
      `INSERT INTO "EmHist" (scoring, "runId", "conditionId", "questionKey", "coherentFrom", "alignedFrom", counts)
       SELECT s, r, c, q, f, a, h::int[] FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[]) AS t(s, r, c, q, f, a, h)`,
      [0, 1, 2, 3, 4, 5, 6].map((j) => columns(chunk, j)),
    );
  }
}
