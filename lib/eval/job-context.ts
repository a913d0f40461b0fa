import type pg from "pg";
import { promptHash } from "@/lib/domain/prompt-hash";

/** What a batch fixes at launch for every one of its generations. */
export interface BatchSettings {
  temperature: number;
  topP: number;
  maxTokens: number;
  maxAttempts: number;
  metrics: string[];
  judgeEndpointId: number | null;
  /** The batch's judge model, or null for the judge endpoint's own model. */
  judgeModel: string | null;
}

export interface JudgePrompt {
  template: string;
  hash: string;
}

/** Entries kept before a cache starts over (a worker sees few batches and question sets). */
const MAX_ENTRIES = 10_000;

/**
 * The parts of a job's context that never change once written, read once per worker instead of
 * once per job: a batch's generation and judge settings, and each question's judge prompts with
 * their hashes. What can change (batch status, a run's endpoint, the endpoints themselves) is not
 * kept here: jobs read status and run with their rows, endpoints come from the EndpointRegistry.
 */
export class JobContextCache {
  #batches = new Map<number, Promise<BatchSettings | null>>();
  #prompts = new Map<number, Promise<Record<string, JudgePrompt>>>();

  constructor(private readonly db: pg.Pool) {}

  batch(id: number): Promise<BatchSettings | null> {
    return remember(this.#batches, id, async () => {
      const { rows } = await this.db.query<BatchSettings>(
        `SELECT temperature, "topP", "maxTokens", "maxAttempts", metrics, "judgeEndpointId", "judgeModel" FROM "Batch" WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    });
  }

  judgePrompts(questionId: number): Promise<Record<string, JudgePrompt>> {
    return remember(this.#prompts, questionId, async () => {
      const { rows } = await this.db.query<{ judgePrompts: Record<string, string> | null }>(`SELECT "judgePrompts" FROM "Question" WHERE id = $1`, [questionId]);
      const prompts: Record<string, JudgePrompt> = {};
      for (const [metric, template] of Object.entries(rows[0]?.judgePrompts ?? {})) {
        if (typeof template === "string") prompts[metric] = { template, hash: promptHash(template) };
      }
      return prompts;
    });
  }
}

/** One read per key, shared by the jobs that ask at the same time; a failed read is not kept. */
function remember<V>(cache: Map<number, Promise<V>>, key: number, load: () => Promise<V>): Promise<V> {
  const known = cache.get(key);
  if (known) return known;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  return loading;
}
