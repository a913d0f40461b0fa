import { ProviderError } from "./provider-error";

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: ProviderError, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The delay before retry number `attempt` (1-based): the endpoint's Retry-After when it sent one,
 * otherwise exponential backoff with full jitter, capped.
 */
export function retryDelay(error: ProviderError, attempt: number, options: RetryOptions): number {
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/** Runs `call` until it succeeds, fails with a non-retryable error, or runs out of attempts. */
export async function withRetries<T>(call: (attempt: number) => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await call(attempt), attempts: attempt };
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt >= options.maxAttempts) {
        if (error instanceof ProviderError) (error as ProviderError & { attempts?: number }).attempts = attempt;
        throw error;
      }
      const delay = retryDelay(error, attempt, options);
      options.onRetry?.(error, attempt, delay);
      await (options.sleep ?? realSleep)(delay);
    }
  }
}
