import { describe, expect, it } from "vitest";
import type { BatchView } from "@/lib/cli/client";
import { bar, formatDuration, progressLine } from "@/lib/cli/progress-bar";
import { formatTable } from "@/lib/cli/command";

const status = (over: Partial<BatchView>): BatchView => ({
  id: 3, name: null, status: "running", createdAt: "2026-11-27T20:00:00Z", runs: [], metrics: ["aligned", "coherent"],
  generation: { total: 1200, done: 470, failed: 10, pending: 720 }, judging: { total: 2400, done: 900, failed: 0, pending: 1500 },
  throughput: 4.24, etaSeconds: 171, elapsedSeconds: 114, percent: 39.4, errors: [], ...over,
});

describe("batch watch's progress line", () => {
  it("draws the bar in proportion, clamped to 0-100", () => {
    expect(bar(0, 10)).toBe("[..........]");
    expect(bar(39.4, 10)).toBe("[####......]");
    expect(bar(100, 10)).toBe("[##########]");
    expect(bar(140, 4)).toBe("[####]");
    expect(bar(-5, 4)).toBe("[....]");
  });

  it("shows answers and judgments done of their totals, failures, throughput and time left", () => {
    expect(progressLine(status({}), 10)).toBe("batch 3 running  [####......]  39%  answers 480/1200 (10 failed)  judged 900/2400  4.2/s  ETA 2m51s");
  });

  it("ends with the elapsed time and no ETA once the batch ended", () => {
    const done = status({ status: "completed", percent: 100, generation: { total: 6, done: 6, failed: 0, pending: 0 }, judging: { total: 12, done: 11, failed: 1, pending: 0 }, elapsedSeconds: 3725, etaSeconds: 0 });
    expect(progressLine(done, 4)).toBe("batch 3 completed  [####] 100%  answers 6/6  judged 12/12 (1 failed)  in 1h02m");
  });

  it("formats durations and tables", () => {
    expect([formatDuration(0), formatDuration(59.6), formatDuration(171), formatDuration(7260)]).toEqual(["0s", "1m00s", "2m51s", "2h01m"]);
    expect(formatTable(["id", "name"], [["7", "a"], ["12", "bb"]], (i) => i === 0)).toBe("id  name\n 7  a\n12  bb");
  });
});
