import type pg from "pg";
import type { EndpointRegistry, EndpointSettings } from "./endpoint-registry";
import type { JobContextCache } from "./job-context";
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
  /** Endpoints and their limits, read again every housekeeping tick. */
  endpoints: EndpointRegistry;
  /** Batch settings and judge prompts, read once per worker. */
  context: JobContextCache;
  /** Jobs were just committed to this queue: this process's fetch loops for it look at once instead of at their next poll. */
  queued(queue: string): void;
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

/**
 * Makes one request to an endpoint within its limits: at most this worker's share of its max
 * concurrent requests in flight (endpoint-registry.ts), and its requests-per-minute budget shared
 * by every worker.
 */
export async function requestSlot<T>(ctx: WorkerContext, endpoint: Pick<EndpointSettings, "id" | "requestsPerMinute">, request: () => Promise<T>): Promise<T> {
  const { id, requestsPerMinute } = endpoint;
  await ctx.endpoints.get(id); // an endpoint new to this worker: its limit is read before its first request
  return ctx.endpoints.gate(id).run(async () => {
    // The token is taken once a slot is free, so requests leave at the budgeted rate.
    if (requestsPerMinute) {
      for (let wait = await takeRequestToken(ctx.pool, id, requestsPerMinute); wait > 0; wait = await takeRequestToken(ctx.pool, id, requestsPerMinute)) {
        await ctx.sleep(wait);
      }
    }
    return request();
  });
}
