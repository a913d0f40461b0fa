import { describe, expect, it } from "vitest";
import { batchTiming, formatDuration } from "@/lib/domain/batch-timing";

const t0 = new Date("2026-11-27T10:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe("batchTiming", () => {
  it("measures the rate over the elapsed time while the batch is younger than the window", () => {
    // 5 s in, 40 finished: 8/s, not 40/60 = 0.67/s; but too early for an ETA.
    expect(batchTiming({ startedAt: t0, finishedAt: null, now: at(5), finishedInWindow: 40, pendingGenerations: 460, pendingJudgments: 0 })).toEqual({ elapsedSeconds: 5, rate: 8, etaSeconds: null });
  });
  it("gives an ETA once there is enough history", () => {
    expect(batchTiming({ startedAt: t0, finishedAt: null, now: at(30), finishedInWindow: 240, pendingGenerations: 400, pendingJudgments: 900 })).toEqual({ elapsedSeconds: 30, rate: 8, etaSeconds: 50 });
  });
  it("uses a 60 s sliding window later on", () => {
    expect(batchTiming({ startedAt: t0, finishedAt: null, now: at(600), finishedInWindow: 120, pendingGenerations: 100, pendingJudgments: 0 }).rate).toBe(2);
  });
  it("reports the duration of a finished batch and no rate", () => {
    expect(batchTiming({ startedAt: t0, finishedAt: at(63), now: at(500), finishedInWindow: 0, pendingGenerations: 0, pendingJudgments: 0 })).toEqual({ elapsedSeconds: 63, rate: null, etaSeconds: 0 });
  });
  it("has nothing before the start", () => {
    expect(batchTiming({ startedAt: null, finishedAt: null, now: t0, finishedInWindow: 0, pendingGenerations: 5, pendingJudgments: 0 })).toEqual({ elapsedSeconds: null, rate: null, etaSeconds: null });
  });
  it("formats durations", () => {
    expect([formatDuration(42), formatDuration(185), formatDuration(3720)]).toEqual(["42 s", "3 min 05 s", "1 h 02 min"]);
  });
});
