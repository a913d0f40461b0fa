import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { superviseChild } from "../../scripts/supervise-child";

describe("the worker supervisor of npm start", () => {
  it("starts a dying worker again with growing delays, and stops replacing it on shutdown", async () => {
    const starts: number[] = [];
    const lines: string[] = [];
    let stopping = false;
    const current = superviseChild({
      start: () => {
        starts.push(Date.now());
        return spawn(process.execPath, ["-e", "process.exit(3)"]);
      },
      stopping: () => stopping,
      log: (line) => lines.push(line),
      baseDelayMs: 100,
      maxDelayMs: 400,
    });
    while (starts.length < 5) await new Promise((r) => setTimeout(r, 20));
    stopping = true;
    await new Promise((r) => setTimeout(r, 700));
    expect(starts.length).toBe(5);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // 100, 200, 400, 400 ms (plus the child's own life).
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
    expect(gaps[3]).toBeGreaterThanOrEqual(400);
    expect(gaps[3]).toBeLessThan(2000);
    expect(lines[0]).toBe("The worker stopped (exit 3); starting it again in 0.1 s.");
    expect(current()).toBeNull();
  }, 20_000);
});
