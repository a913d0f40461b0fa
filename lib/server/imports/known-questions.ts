import "server-only";
import type pg from "pg";
import { UserError } from "@/lib/errors";

export interface KnownQuestion {
  id: number;
  paraphrases: string[];
  judgeModel: string | null;
  judgePrompts: Record<string, string>;
}

/** Questions by id (YAML key): from the named set, or the newest set that has each id. */
export async function lookUpQuestions(client: pg.ClientBase, questionSet?: string): Promise<Map<string, KnownQuestion>> {
  if (questionSet) {
    const set = await client.query(`SELECT id FROM "QuestionSet" WHERE name = $1`, [questionSet]);
    if (!set.rows.length) throw new UserError(`Question set "${questionSet}" does not exist.`, { questionSet: ["Unknown question set."] });
  }
  const { rows } = await client.query<{ key: string } & KnownQuestion>(
    `SELECT DISTINCT ON (q.key) q.key, q.id, q.paraphrases, q."judgeModel", q."judgePrompts"
       FROM "Question" q JOIN "QuestionSet" s ON s.id = q."questionSetId"
      WHERE $1::text IS NULL OR s.name = $1
      ORDER BY q.key, s."createdAt" DESC, s.id DESC`,
    [questionSet ?? null],
  );
  return new Map(rows.map(({ key, ...q }) => [key, q]));
}
