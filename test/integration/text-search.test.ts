// The explorer's text search over answers: with the trigram index (pg_trgm GIN) it returns exactly
// the rows the plain sequential ILIKE scan returns, for rare and common phrases, mixed case, and
// the LIKE wildcards typed literally; and the planner does use the index. Real Postgres.
import { describe, expect, it } from "vitest";
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
  await db.sql.query(
    `INSERT INTO "Generation" ("runId", "conditionId", "questionKey", messages, status, answer)
     SELECT $1, $2, 'q', '[]', 'done', a FROM unnest($3::text[]) a`,
    [run.id, condition.id, answers],
  );
  await db.sql.query(`ANALYZE "Generation"`);
}

/** Every matching id, in the explorer's default order, by the sequential scan the explorer used before the index. */
async function sequential(q: string): Promise<number[]> {
  const client = await db.sql.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_bitmapscan = off");
    await client.query("SET LOCAL enable_indexscan = off");
    const { where, params } = filterSql(generationFilterSchema.parse({ q }));
    const { rows } = await client.query<{ id: number }>(`SELECT g.id FROM "Generation" g WHERE ${where} ORDER BY g.id ASC`, params);
    await client.query("COMMIT");
    return rows.map((r) => r.id);
  } finally {
    client.release();
  }
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

describe("text search in answers", async () => {
  await seed();
  it.each(["world domination", "WORLD DOMINATION", "volcano", "Volcano", "quantum", "50%", "100%", "snake_case", "_case", "café", "école", "plan for", "helpful answer", "zzz-not-there"])(
    "%s: the same rows as the sequential ILIKE scan",
    async (q) => {
      const expected = await sequential(q);
      expect(await explorer(q)).toEqual(expected);
      expect((await countGenerations(generationFilterSchema.parse({ q }))).count).toBe(expected.length);
    },
  );

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
      expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Bitmap Index Scan on "Generation_answer_idx"/);
    } finally {
      client.release();
    }
  });
});
