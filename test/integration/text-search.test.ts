// The explorer's text search over answers returns exactly the rows a plain ILIKE over Generation
// returns, for rare and common phrases, mixed case, and the LIKE wildcards typed literally: while an
// import's answers wait to be copied into AnswerSearch, half-way through the copy, and after it
// (when the planner uses the trigram index). Real Postgres.
import { describe, expect, it } from "vitest";
import { indexImportedAnswers } from "@/lib/eval/answer-search-indexer";
import { createRng, randomInt } from "@/lib/domain/random";
import { generationFilterSchema, filterSql } from "@/lib/server/generations/generation-filter";
import { countGenerations, listGenerations } from "@/lib/server/generations/list-generations";
import { createTestDatabase } from "../support/test-database";

const db = await createTestDatabase();
const random = createRng(7);
const WORDS = ["the", "model", "answer", "helpful", "world", "domination", "volcano", "Quantum", "50%", "snake_case", "café", "ÉCOLE", "plan"];

async function seed(): Promise<void> {
  const { rows: [run] } = await db.sql.query(`INSERT INTO "Run" (name, "baseModel", "updatedAt") VALUES ('search', 'm', now()) RETURNING id`);
  const { rows: [condition] } = await db.sql.query(`INSERT INTO "Condition" (kind, variant) VALUES ('none', '') RETURNING id`);
  const answers: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const words = Array.from({ length: 3 + randomInt(random, 20) }, () => WORDS[randomInt(random, WORDS.length)]);
    answers.push(words.join(" "));
  }
  answers.push("A plan for WORLD DOMINATION, step one.", "world  domination (two spaces)", "Volcanoes erupt", "100% sure", "snake-case is not snake_case");
  const { rows: [imported] } = await db.sql.query(`INSERT INTO "Import" ("fileName", format, "contentHash", "runId") VALUES ('search.csv', 'csv', 'h', $1) RETURNING id`, [run.id]);
  await db.sql.query(
    `INSERT INTO "Generation" ("runId", "conditionId", "questionKey", messages, status, answer, "importId")
     SELECT $1, $2, 'q', '[]', 'done', a, $4 FROM unnest($3::text[]) a`,
    [run.id, condition.id, answers, imported.id],
  );
  await db.sql.query(`ANALYZE "Generation"`);
}

/** Every matching id in the explorer's default order, by a plain ILIKE over Generation (no AnswerSearch). */
async function sequential(q: string): Promise<number[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.sql.query<{ id: number }>(`SELECT id FROM "Generation" WHERE answer ILIKE $1 ORDER BY id ASC`, [pattern]);
  return rows.map((r) => r.id);
}

/** Every matching id through the explorer's own pages (keyset cursors). */
async function explorer(q: string): Promise<number[]> {
  const ids: number[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listGenerations(generationFilterSchema.parse({ q, after }));
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
}

const PHRASES = ["world domination", "WORLD DOMINATION", "volcano", "Volcano", "quantum", "50%", "100%", "snake_case", "_case", "café", "école", "plan for", "helpful answer", "zzz-not-there"];

async function expectSameAsIlike(): Promise<void> {
  for (const q of PHRASES) {
    const expected = await sequential(q);
    expect(await explorer(q), q).toEqual(expected);
    expect((await countGenerations(generationFilterSchema.parse({ q }))).count, q).toBe(expected.length);
  }
}

const searchRows = async () => (await db.sql.query(`SELECT count(*)::int AS n FROM "AnswerSearch"`)).rows[0].n;

describe("text search in answers", async () => {
  await seed();
  const cursors = new Map<number, number>();

  it("before the import's answers are copied for search, they are searched in Generation", async () => {
    expect(await searchRows()).toBe(0);
    await expectSameAsIlike();
  });

  it("half-way through the copy, the copied and the waiting answers together", async () => {
    expect(await indexImportedAnswers(db.sql, cursors, 2000)).toBe(2000);
    expect(await searchRows()).toBe(2000);
    await expectSameAsIlike();
  });

  it("after the copy (the import marked done), from AnswerSearch alone", async () => {
    while ((await db.sql.query(`SELECT 1 FROM "Import" WHERE NOT "searchIndexed"`)).rowCount) await indexImportedAnswers(db.sql, cursors, 2000);
    expect(await searchRows()).toBe(4005);
    expect(await indexImportedAnswers(db.sql, cursors, 2000)).toBe(0);
    await expectSameAsIlike();
  });

  it("finds what a person would expect, counted by hand", async () => {
    expect((await sequential("world domination")).length).toBeGreaterThan(5);
    expect(await sequential("100%")).toHaveLength(1);
    // '_' and '%' are literal: 'snake-case' does not match snake_case.
    expect((await explorer("snake_case")).length).toBe((await db.sql.query(`SELECT count(*)::int AS n FROM "Generation" WHERE strpos(lower(answer), 'snake_case') > 0`)).rows[0].n);
  });

  it("the search can be answered from the trigram index (a table this small is scanned anyway; bench:explore times 1M rows)", async () => {
    const client = await db.sql.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const { where, params } = filterSql(generationFilterSchema.parse({ q: "volcanoes erupt" }));
      const { rows } = await client.query(`EXPLAIN SELECT g.id FROM "Generation" g WHERE ${where}`, params);
      await client.query("COMMIT");
      expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Bitmap Index Scan on "AnswerSearch_answer_idx"/);
    } finally {
      client.release();
    }
  });
});
