import type pg from "pg";

const TABLES = ["Run", "Endpoint", "QuestionSet", "Question", "Batch", "BatchRun", "Condition", "Import", "Generation", "Judgment", "EmCell"];

/** A fingerprint of every row of every table: equal snapshots mean an unchanged database. */
export async function snapshot(sql: pg.Pool): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t`);
    out[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}
