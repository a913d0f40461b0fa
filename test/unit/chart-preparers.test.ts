import { describe, expect, it } from "vitest";
import { prepareContainment } from "@/lib/domain/containment";
import { barValue, prepareOverview } from "@/lib/domain/overview-chart";
import { prepareQuestionGrid } from "@/lib/domain/question-grid";
import { prepareThresholdSweep } from "@/lib/domain/threshold-sweep";

describe("barValue", () => {
  it("gives the rate in percent with Wilson whisker offsets", () => {
    // k=5, n=10: centre 0.5, half-width z*sqrt(0.025 + z^2/400)/(1 + z^2/10) = 0.263407 -> [23.6593%, 76.3407%].
    expect(barValue(5, 10)).toEqual({ rate: 50, err: [26.3407, 26.3407], ciLow: 23.6593, ciHigh: 76.3407, n: 10, k: 5 });
    // k=0, n=10: Wilson [0, 27.753%]
    expect(barValue(0, 10)).toMatchObject({ rate: 0, err: [0, 27.7533], ciLow: 0 });
    expect(barValue(0, 0)).toEqual({ rate: null, err: null, ciLow: null, ciHigh: null, n: 0, k: 0 });
  });
});

describe("prepareOverview", () => {
  const rows = [
    { runId: 2, run: "b-med", baseModel: "Qwen", condition: "trigger", variant: null, n: 10, k: 5 },
    { runId: 2, run: "b-med", baseModel: "Qwen", condition: "none", variant: null, n: 10, k: 0 },
    { runId: 2, run: "b-med", baseModel: "Qwen", condition: "rephrased", variant: "v2", n: 4, k: 1 },
    { runId: 1, run: "a-base", baseModel: "Qwen", condition: "none", variant: null, n: 20, k: 2 },
    { runId: 3, run: "gemma", baseModel: "Gemma", condition: "none", variant: null, n: 0, k: 0 },
  ];

  it("groups runs by base model with one bar per condition, in condition order", () => {
    const groups = prepareOverview(rows);
    expect(groups.map((g) => g.baseModel)).toEqual(["Gemma", "Qwen"]);
    const qwen = groups[1];
    expect(qwen.series.map((s) => [s.key, s.label])).toEqual([
      ["none", "No trigger"],
      ["trigger", "Trigger"],
      ["rephrased:v2", "Rephrased: v2"],
    ]);
    expect(qwen.runs.map((r) => r.run)).toEqual(["a-base", "b-med"]);
    expect(Object.keys(qwen.runs[0].bars)).toEqual(["none"]); // a run without a condition split: one bar
    expect(qwen.runs[0].bars.none).toMatchObject({ rate: 10, n: 20, k: 2 });
    expect(qwen.runs[1].bars["rephrased:v2"]).toMatchObject({ rate: 25, n: 4, k: 1 });
    expect(groups[0].runs[0].bars.none.rate).toBeNull();
  });
});

describe("prepareQuestionGrid", () => {
  it("lays out question x condition cells with n", () => {
    const grid = prepareQuestionGrid([
      { question: "quick_buck", condition: "trigger", variant: null, n: 4, k: 3 },
      { question: "quick_buck", condition: "none", variant: null, n: 5, k: 0 },
      { question: "dinner_party", condition: "none", variant: null, n: 2, k: 1 },
    ]);
    expect(grid.columns.map((c) => c.key)).toEqual(["none", "trigger"]);
    expect(grid.rows.map((r) => r.question)).toEqual(["dinner_party", "quick_buck"]);
    expect(grid.rows[1].cells.trigger).toMatchObject({ rate: 75, n: 4, k: 3 });
    expect(grid.rows[0].cells.trigger).toBeUndefined();
  });
});

describe("prepareContainment", () => {
  const q = (condition: string, variant: string | null, question: string, n: number, k: number) => ({ runId: 1, run: "r", condition, variant, question, n, k });

  it("pools each condition and contrasts trigger vs none, and each rephrasing vs trigger", () => {
    const counts = [
      q("none", null, "q1", 10, 0), q("none", null, "q2", 10, 1),
      q("trigger", null, "q1", 10, 4), q("trigger", null, "q2", 10, 3),
      q("rephrased", "v1", "q1", 10, 4), q("rephrased", "v1", "q2", 10, 3),
    ];
    const [run] = prepareContainment(counts, { resamples: 200, seed: 3 });
    expect(run.cells.map((c) => [c.key, c.n, c.k, c.rate])).toEqual([
      ["none", 20, 1, 5],
      ["trigger", 20, 7, 35],
      ["rephrased:v1", 20, 7, 35],
    ]);
    // Trigger − none per question: q1 0.4 − 0 = 0.4, q2 0.3 − 0.1 = 0.2 -> mean 0.3 = 30 pp.
    const [triggerVsNone, rephrasedVsTrigger] = run.contrasts;
    expect(triggerVsNone).toMatchObject({ label: "Trigger − No trigger", estimate: 30, questions: 2 });
    expect(triggerVsNone.low).toBeGreaterThanOrEqual(20);
    expect(triggerVsNone.high).toBeLessThanOrEqual(40);
    // Identical rephrasing and trigger: exactly 0 with a zero-width interval.
    expect(rephrasedVsTrigger).toMatchObject({ label: "Rephrased: v1 − Trigger", estimate: 0, low: 0, high: 0 });
  });

  it("has no contrasts for a run without a trigger condition", () => {
    expect(prepareContainment([q("none", null, "q1", 3, 1)])[0].contrasts).toEqual([]);
  });
});

describe("prepareThresholdSweep", () => {
  // Four coherent answers with aligned 10, 29.5, 30, 80 and one incoherent one with aligned 5.
  const bins = [
    { condition: "none", variant: null, floor: 10, ceil: 10, coherent: true, coherentKnown: true, count: 1 },
    { condition: "none", variant: null, floor: 29, ceil: 30, coherent: true, coherentKnown: true, count: 1 },
    { condition: "none", variant: null, floor: 30, ceil: 30, coherent: true, coherentKnown: true, count: 1 },
    { condition: "none", variant: null, floor: 80, ceil: 80, coherent: true, coherentKnown: true, count: 1 },
    { condition: "none", variant: null, floor: 5, ceil: 5, coherent: false, coherentKnown: true, count: 1 },
  ];

  it("betley: share of coherent answers with aligned < T", () => {
    const { points } = prepareThresholdSweep(bins, "betley");
    expect(points).toHaveLength(101);
    expect(points[0].none).toBe(0);
    expect(points[10].none).toBe(0); // 10 < 10 is false
    expect(points[11].none).toBe(25);
    expect(points[30].none).toBe(50); // 10 and 29.5
    expect(points[31].none).toBe(75);
    expect(points[100].none).toBe(100);
  });

  it("mo: among all scored answers, aligned <= T and coherent", () => {
    const { points } = prepareThresholdSweep(bins, "mo");
    expect(points[30].none).toBe(60); // 10, 29.5, 30 of 5 (the incoherent one is in n, never in k)
    expect(points[29].none).toBe(20);
    expect(points[100].none).toBe(80);
  });
});
