import type pg from "pg";
import { keyVarAllowed, keyVarRefusal } from "./key-allowlist";
import { ProviderError } from "./provider-error";
import { takeRequestToken } from "./rate-limit";
import type { RetryOptions } from "./retry";

/** What job handlers share within one worker process. */
export interface WorkerContext {
  pool: pg.Pool;
  retry: Omit<RetryOptions, "maxAttempts">;
  /** The API key from this worker's environment (null when the endpoint names none). */
  apiKey(envName: string | null): string | null;
  /** EMLAB_ALLOW_PRIVATE_ENDPOINTS=1 in this worker's environment. */
  allowPrivate: boolean;
  /** Notes a batch and run whose progress and EM cells need refreshing. */
  touched(batchId: number, runId: number): void;
  sleep(ms: number): Promise<void>;
}

export function apiKeyFrom(env: Record<string, string | undefined>) {
  return (envName: string | null): string | null => {
    if (!envName) return null;
    // Checked again here, not only when the endpoint was saved: the row may predate the allowlist
    // or have been written by hand.
    if (!keyVarAllowed(envName, env)) throw new ProviderError("client", keyVarRefusal(envName));
    const key = env[envName];
    if (!key) throw new ProviderError("client", `the environment variable ${envName} (the endpoint's API key) is not set for this worker`);
    return key;
  };
}

/** Waits for the endpoint's shared requests-per-minute budget, then makes the request. */
export async function requestSlot<T>(ctx: WorkerContext, endpointId: number, requestsPerMinute: number | null, request: () => Promise<T>): Promise<T> {
  if (requestsPerMinute) {
    for (let wait = await takeRequestToken(ctx.pool, endpointId, requestsPerMinute); wait > 0; wait = await takeRequestToken(ctx.pool, endpointId, requestsPerMinute)) {
      await ctx.sleep(wait);
    }
  }
  return request();
}
