import type { ChildProcess } from "node:child_process";

export interface SuperviseOptions {
  /** Starts (another) child process. */
  start(): ChildProcess;
  /** True once the parent is shutting down: a child that exits then is not replaced. */
  stopping(): boolean;
  log(line: string): void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran this long before dying starts over at the base delay. */
  healthyAfterMs?: number;
}

/**
 * Keeps a child running: when it exits it is started again after base, 2x, 4x ... up to the
 * maximum delay. Returns a function giving the current child (for shutdown).
 */
export function superviseChild(options: SuperviseOptions): () => ChildProcess | null {
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  const healthy = options.healthyAfterMs ?? 60_000;
  let current: ChildProcess | null = null;
  const run = (failures: number) => {
    const started = Date.now();
    const child = options.start();
    current = child;
    child.once("exit", (code, signal) => {
      if (current === child) current = null;
      if (options.stopping()) return;
      const streak = Date.now() - started >= healthy ? 1 : failures + 1;
      const delay = Math.min(max, base * 2 ** (streak - 1));
      options.log(`The worker stopped (${signal ?? `exit ${code}`}); starting it again in ${delay / 1000} s.`);
      setTimeout(() => {
        if (!options.stopping()) run(streak);
      }, delay);
    });
  };
  run(0);
  return () => current;
}
