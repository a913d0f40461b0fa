/** PostgreSQL's deadlock_detected: one of the transactions was rolled back and may simply run again. */
export const DEADLOCK = "40P01";

/**
 * Runs `work` (a whole transaction) again when PostgreSQL aborted it as a deadlock victim, after a
 * short random pause, up to `attempts` times in all.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string })?.code !== DEADLOCK || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 100 * attempt));
    }
  }
}
