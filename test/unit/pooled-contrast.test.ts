import { describe, expect, it } from "vitest";
import { pooledContrast, signFlipPValue, pairQuestions } from "@/lib/domain/pooled-contrast";

const cells = (...rows: [string, number, number][]) => rows.map(([question, k, n]) => ({ question, k, n }));
// Expected values from an independent Python implementation (scipy.stats for t).
const a = cells(["q1", 3, 10], ["q2", 4, 8], ["q3", 6, 10], ["q4", 2, 12], ["q5", 5, 10]);
const b = cells(["q1", 0, 10], ["q2", 1, 8], ["q3", 1, 10], ["q4", 0, 12], ["q5", 2, 10]);

describe("pooledContrast", () => {
  it("is the difference of pooled rates, with a jackknife-t interval by default", () => {
    const c = pooledContrast(a, b);
    expect(c.estimate).toBeCloseTo(0.32, 12);
    expect(c.rateA! - c.rateB!).toBeCloseTo(c.estimate!, 12);
    expect(c.method).toBe("jackknife-t");
    expect(c.ciLow).toBeCloseTo(0.15290294185041306, 9);
    expect(c.ciHigh).toBeCloseTo(0.4870970581495869, 9);
    expect(c).toMatchObject({ questions: 5, nA: 50, kA: 20, nB: 50, kB: 4, dropped: [] });
  });
  it("CR1 variant against hand-computed bounds", () => {
    const c = pooledContrast(a, b, { method: "cluster-t" });
    expect(c.ciLow).toBeCloseTo(0.1569302292037514, 9);
    expect(c.ciHigh).toBeCloseTo(0.4830697707962486, 9);
  });
  it("gives the exact sign-flip p-value: 2 of 32 patterns are as extreme", () => {
    const c = pooledContrast(a, b);
    expect(c.pValue).toBe(0.0625);
    expect(c.pValueExact).toBe(true);
  });
  it("below five shared questions: an estimate and a p-value, but no interval", () => {
    const c = pooledContrast(a.slice(0, 4), b.slice(0, 4));
    expect(c.estimate).not.toBeNull();
    expect(c.ciLow).toBeNull();
    expect(c.note).toBe("too few questions for an interval");
    expect(c.pValue).toBe(0.125); // 2 of 16
  });
  it("names dropped questions and why", () => {
    const { pairs, dropped } = pairQuestions(cells(["q1", 1, 4], ["q2", 0, 0], ["q3", 1, 2]), cells(["q1", 0, 4], ["q2", 1, 4], ["q4", 1, 4]), ["Trigger", "No trigger"]);
    expect(pairs.map((p) => p.question)).toEqual(["q1"]);
    expect(dropped).toEqual([
      { question: "q2", reason: "no counted answers under Trigger" },
      { question: "q3", reason: "not asked under No trigger" },
      { question: "q4", reason: "not asked under Trigger" },
    ]);
  });
  it("uses a seeded Monte Carlo p-value above 16 questions, never below 1/(draws+1)", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ question: `q${i}`, a: { question: `q${i}`, n: 10, k: 5 }, b: { question: `q${i}`, n: 10, k: 0 } }));
    const r = signFlipPValue(many);
    expect(r.exact).toBe(false);
    expect(r.pValue).toBeCloseTo(1 / 20001, 10);
  });
  it("no shared question: nothing to estimate", () => {
    expect(pooledContrast(cells(["q1", 1, 4]), cells(["q2", 1, 4]))).toMatchObject({ estimate: null, pValue: null, note: "no shared questions" });
  });
});

describe("pooledContrast with a side at zero", () => {
  it("keeps the interval open (MOVER with clustered Wilson bounds) instead of claiming certainty", () => {
    const zeros = ["q1", "q2", "q3", "q4", "q5"].map((question) => ({ question, n: 20, k: 0 }));
    const c = pooledContrast(zeros, zeros);
    expect(c.estimate).toBe(0);
    expect(c.ciLow).toBeLessThan(0);
    expect(c.ciHigh).toBeGreaterThan(0);
    // Each side alone: Wilson upper bound on 100 answers with t(4) = 2.776: 7.15%.
    expect(c.ciHigh).toBeCloseTo(0.0715, 3);
  });
  it("a trigger effect over a zero baseline keeps the baseline's own uncertainty in the lower bound", () => {
    const none = ["q1", "q2", "q3", "q4", "q5"].map((question) => ({ question, n: 20, k: 0 }));
    const trigger = ["q1", "q2", "q3", "q4", "q5"].map((question, i) => ({ question, n: 20, k: [4, 6, 2, 5, 3][i] }));
    const c = pooledContrast(trigger, none);
    expect(c.estimate).toBeCloseTo(0.2, 12);
    expect(c.ciLow).toBeGreaterThan(0);
    expect(c.ciLow).toBeLessThan(0.2 - 0.05); // not narrower than the trigger side alone allows
  });
});
