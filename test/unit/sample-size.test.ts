import { describe, expect, it } from "vitest";
import { planSampleSize } from "@/lib/domain/sample-size";

describe("planSampleSize", () => {
  // 8 questions x 5 paraphrases x 10 samples, ICC 0.05: deff 3.45, 115.94 effective answers
  // (values from an independent scipy computation).
  const plan = planSampleSize({ questions: 8, paraphrases: 5, samplesPerParaphrase: 10, expected: { none: 0.01, trigger: 0.15 }, icc: 0.05 });
  it("derives the design effect and effective sample size", () => {
    expect(plan.answers).toBe(400);
    expect(plan.designEffect).toBeCloseTo(3.45, 12);
    expect(plan.effectiveAnswers).toBeCloseTo(115.94202898550724, 9);
  });
  it("gives the expected interval width per condition and the detectable difference at 80% power", () => {
    expect(plan.conditions.find((c) => c.condition === "trigger")!.width).toBeCloseTo(0.15652791047146397, 7);
    expect(plan.detectableDifference).toBeCloseTo(0.1122477439729747, 6);
  });
  it("warns when it cannot tell 0% from 1%", () => {
    expect(plan.zeroUpperBound).toBeCloseTo(0.04600747050734397, 7);
    expect(plan.warnings.join(" ")).toMatch(/cannot tell 0% from 1%: .* 4\.6%/);
  });
  it("a large plan can tell 0% from 1%", () => {
    const big = planSampleSize({ questions: 48, paraphrases: 10, samplesPerParaphrase: 100, expected: { none: 0 }, icc: 0.0 });
    expect(big.zeroUpperBound).toBeLessThan(0.01);
    expect(big.warnings).toEqual([]);
  });
  it("refuses nonsense", () => {
    expect(() => planSampleSize({ questions: 0, paraphrases: 1, samplesPerParaphrase: 1, expected: {} })).toThrow(/questions/);
    expect(() => planSampleSize({ questions: 8, paraphrases: 1, samplesPerParaphrase: 1, expected: { none: 2 } })).toThrow(/none/);
  });
});
