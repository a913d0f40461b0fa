import type pg from "pg";
import { inTransaction } from "@/lib/db/pg-pool";

/** Answers copied per transaction: small enough that a chunk commits in about a second. */
export const SEARCH_CHUNK = 2_000;

/**
 * Copies the next chunk of an import's answers into AnswerSearch (whose trigram index would have
 * slowed the import itself several times over), and marks the import done once none is left. One
 * worker at a time (an advisory lock); `cursors` remembers, per import, the last id copied, so a
 * chunk reads the (importId, id) index from there. Returns how many answers it copied.
 */
export async function indexImportedAnswers(db: pg.Pool, cursors: Map<number, number>, chunk = SEARCH_CHUNK): Promise<number> {
  return inTransaction(async (client) => {
    const { rows: [lock] } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('emlab.answer-search')) AS ok`);
    if (!lock.ok) return 0;
    const { rows: [next] } = await client.query<{ id: number }>(`SELECT id FROM "Import" WHERE NOT "searchIndexed" ORDER BY id LIMIT 1`);
    if (!next) return 0;
    const after = cursors.get(next.id) ?? 0;
    const { rows: [r] } = await client.query<{ last: number | null; read: number; copied: number }>(
      `WITH chunk AS (SELECT g.id, g.answer FROM "Generation" g WHERE g."importId" = $1 AND g.id > $2 ORDER BY g.id LIMIT $3),
            copied AS (INSERT INTO "AnswerSearch" ("generationId", answer) SELECT id, answer FROM chunk WHERE answer IS NOT NULL
                       ON CONFLICT ("generationId") DO NOTHING RETURNING 1)
       SELECT (SELECT max(id) FROM chunk) AS last, (SELECT count(*) FROM chunk)::int AS read, (SELECT count(*) FROM copied)::int AS copied`,
      [next.id, after, chunk],
    );
    if (r.read === chunk) {
      cursors.set(next.id, r.last!);
    } else {
      await client.query(`UPDATE "Import" SET "searchIndexed" = true WHERE id = $1`, [next.id]);
      cursors.delete(next.id);
    }
    return Math.max(r.copied, 1);
  }, db);
}
