// Rate and ETA of a running batch over a sliding window, only once they mean something.

/** Length of the sliding window the rate is measured over, in seconds. */
export const RATE_WINDOW_SECONDS = 60;
/** Below this much history or this many finished generations, no ETA is shown. */
const MIN_SECONDS = 10;
const MIN_FINISHED = 10;

export interface BatchTiming {
  /** Seconds from start to now (running) or to the end (finished); null before the start. */
  elapsedSeconds: number | null;
  /** Generations finished per second over the window (the window shrinks to the elapsed time). */
  rate: number | null;
  /** Seconds left at that rate; null until it is meaningful. */
  etaSeconds: number | null;
}

export function batchTiming(input: {
  startedAt: Date | null;
  finishedAt: Date | null;
  now: Date;
  /** Generations finished within the window (the last min(60 s, elapsed)). */
  finishedInWindow: number;
  pendingGenerations: number;
  pendingJudgments: number;
}): BatchTiming {
  const { startedAt, finishedAt, now, finishedInWindow, pendingGenerations, pendingJudgments } = input;
  if (!startedAt) return { elapsedSeconds: null, rate: null, etaSeconds: null };
  const end = finishedAt ?? now;
  const elapsedSeconds = Math.max(0, (end.getTime() - startedAt.getTime()) / 1000);
  if (finishedAt) return { elapsedSeconds, rate: null, etaSeconds: 0 };
  const window = Math.min(RATE_WINDOW_SECONDS, elapsedSeconds);
  const rate = window > 0 ? finishedInWindow / window : null;
  const meaningful = elapsedSeconds >= MIN_SECONDS && finishedInWindow >= MIN_FINISHED && rate !== null && rate > 0;
  const etaSeconds = pendingGenerations === 0 && pendingJudgments === 0 ? 0 : meaningful && pendingGenerations > 0 ? Math.round(pendingGenerations / rate) : null;
  return { elapsedSeconds, rate: rate === null ? null : Math.round(rate * 100) / 100, etaSeconds };
}

/** "1 h 02 min", "3 min 05 s", "42 s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
