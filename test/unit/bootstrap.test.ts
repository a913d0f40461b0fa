import { describe, expect, it } from "vitest";
import {
  clusteredBootstrap,
  pairedContrast,
  quantile,
  questionAveragedRate,
  type QuestionCounts,
} from "@/lib/domain/bootstrap";
import { createRng, randomInt } from "@/lib/domain/random";

const cells = (...rows: [string, number, number][]): QuestionCounts[] =>
  rows.map(([question, k, n]) => ({ question, k, n }));

describe("createRng / randomInt", () => {
  it("produces the reference mulberry32 sequence", () => {
    // Values from an independent Python port of mulberry32 (32-bit wraparound arithmetic).
    const rng = createRng(1);
    expect([rng(), rng(), rng()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const other = createRng(42);
    expect(other()).toBe(0.6011037519201636);
  });

  it("takes the seed modulo 2^32", () => {
    expect(createRng(-1)()).toBe(createRng(4294967295)()); // -1 mod 2^32 = 4294967295
    expect(createRng(-1)()).toBe(0.8964226141106337);
  });

  it("randomInt stays in [0, n) and reaches every value", () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const value = randomInt(rng, 5);
      expect(Number.isInteger(value) && value >= 0 && value < 5).toBe(true);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("rejects bad arguments", () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => randomInt(createRng(1), 0)).toThrow(RangeError);
    expect(() => randomInt(createRng(1), 2.5)).toThrow(RangeError);
  });
});

describe("quantile (type 7: h = (N-1)p, interpolate between x[floor h] and x[floor h + 1])", () => {
  it.each([
    [0, 1], // h = 0
    [0.25, 1.75], // h = 0.75 -> 1 + 0.75·(2-1)
    [0.5, 2.5], // h = 1.5 -> 2 + 0.5·(3-2)
    [0.9, 3.7], // h = 2.7 -> 3 + 0.7·(4-3)
    [1, 4], // h = 3 -> last value
  ])("of [1,2,3,4] at %s is %s", (p, expected) => {
    expect(quantile([1, 2, 3, 4], p)).toBeCloseTo(expected, 12);
  });

  it("of a single value is that value", () => {
    expect(quantile([7], 0.3)).toBe(7);
  });

  it("rejects empty or unsorted input and p outside [0, 1]", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([2, 1], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.1)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe("questionAveragedRate", () => {
  it("averages per-question rates", () => {
    // (1/4 + 0/4 + 2/4) / 3 = 0.75 / 3 = 0.25
    expect(questionAveragedRate(cells(["a", 1, 4], ["b", 0, 4], ["c", 2, 4]))).toBe(0.25);
  });

  it("weights questions equally, not answers", () => {
    // (1/2 + 1/4) / 2 = 0.375, whereas pooling would give 2/6 = 0.333
    expect(questionAveragedRate(cells(["a", 1, 2], ["b", 1, 4]))).toBe(0.375);
  });

  it("drops questions with n = 0", () => {
    // only a and c count: (1/4 + 3/4) / 2 = 0.5
    expect(questionAveragedRate(cells(["a", 1, 4], ["b", 0, 0], ["c", 3, 4]))).toBe(0.5);
  });

  it("is null without any answered question", () => {
    expect(questionAveragedRate([])).toBeNull();
    expect(questionAveragedRate(cells(["a", 0, 0]))).toBeNull();
  });

  it("rejects invalid counts and duplicate questions", () => {
    expect(() => questionAveragedRate(cells(["a", 5, 4]))).toThrow(RangeError);
    expect(() => questionAveragedRate(cells(["a", -1, 4]))).toThrow(RangeError);
    expect(() => questionAveragedRate(cells(["a", 1, 2.5]))).toThrow(RangeError);
    expect(() => questionAveragedRate(cells(["a", 1, 4], ["a", 2, 4]))).toThrow(RangeError);
  });
});

describe("clusteredBootstrap", () => {
  // A realistic spread: 8 questions with rates between 0 and 0.6.
  const spread = cells(
    ["q1", 0, 10],
    ["q2", 1, 10],
    ["q3", 2, 10],
    ["q4", 6, 10],
    ["q5", 3, 12],
    ["q6", 0, 8],
    ["q7", 5, 10],
    ["q8", 1, 9],
    ["q9", 0, 0],
  );

  it("matches a resampling worked through by hand", () => {
    // Rates in question order q1, q2, q3 = [0, 0.5, 1]; estimate 0.5.
    // Seed 7 draws of 3 indices (floor(u·3) for mulberry32(7)): [0,0,2] [2,1,1] [1,0,1] [2,0,0] [2,1,0]
    // -> means 1/3, 2/3, 1/3, 1/3, 1/2; sorted [1/3, 1/3, 1/3, 1/2, 2/3].
    // level 0.8 -> p = 0.1: h = 0.4 -> 1/3 + 0.4·0 = 1/3; p = 0.9: h = 3.6 -> 1/2 + 0.6·(2/3 - 1/2) = 0.6
    const result = clusteredBootstrap(cells(["q3", 2, 2], ["q1", 0, 2], ["q2", 1, 2]), {
      seed: 7,
      resamples: 5,
      level: 0.8,
    })!;
    expect(result.estimate).toBe(0.5);
    expect(result.low).toBeCloseTo(1 / 3, 12);
    expect(result.high).toBeCloseTo(0.6, 12);
    expect(result.questions).toBe(3);
    expect(result.resamples).toBe(5);
  });

  it("collapses to the common rate when every question has the same rate", () => {
    // 1/4 = 2/8 = 5/20 = 0.25, so every resample mean is 0.25
    const result = clusteredBootstrap(cells(["a", 1, 4], ["b", 2, 8], ["c", 5, 20]))!;
    expect(result).toEqual({ estimate: 0.25, low: 0.25, high: 0.25, questions: 3, resamples: 2000 });
  });

  it("brackets the estimate on realistic data and counts only answered questions", () => {
    // estimate = (0 + 0.1 + 0.2 + 0.6 + 0.25 + 0 + 0.5 + 1/9) / 8 = 1.7611111 / 8 = 0.2201389
    const result = clusteredBootstrap(spread)!;
    expect(result.estimate).toBeCloseTo(0.2201389, 6);
    expect(result.questions).toBe(8);
    expect(result.low).toBeLessThan(result.estimate);
    expect(result.high).toBeGreaterThan(result.estimate);
    // resample means are averages of rates in [0, 0.6]
    expect(result.low).toBeGreaterThanOrEqual(0);
    expect(result.high).toBeLessThanOrEqual(0.6);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const first = clusteredBootstrap(spread, { seed: 11 });
    expect(clusteredBootstrap(spread, { seed: 11 })).toEqual(first);
    const other = clusteredBootstrap(spread, { seed: 12 })!;
    expect(other.estimate).toBe(first!.estimate);
    expect([other.low, other.high]).not.toEqual([first!.low, first!.high]);
  });

  it("does not depend on the order of the input rows", () => {
    expect(clusteredBootstrap([...spread].reverse(), { seed: 5 })).toEqual(clusteredBootstrap(spread, { seed: 5 }));
  });

  it("honors the resample count and level", () => {
    const one = clusteredBootstrap(spread, { resamples: 1 })!;
    expect(one.resamples).toBe(1);
    expect(one.low).toBe(one.high); // a single resample mean is both bounds
    expect(clusteredBootstrap(spread, { resamples: 300 })!.resamples).toBe(300);

    const narrow = clusteredBootstrap(spread, { level: 0.5 })!;
    const wide = clusteredBootstrap(spread, { level: 0.99 })!;
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it("is null without any answered question", () => {
    expect(clusteredBootstrap([])).toBeNull();
    expect(clusteredBootstrap(cells(["a", 0, 0], ["b", 0, 0]))).toBeNull();
  });

  it("rejects bad options", () => {
    expect(() => clusteredBootstrap(spread, { resamples: 0 })).toThrow(RangeError);
    expect(() => clusteredBootstrap(spread, { resamples: 2.5 })).toThrow(RangeError);
    expect(() => clusteredBootstrap(spread, { level: 0 })).toThrow(RangeError);
    expect(() => clusteredBootstrap(spread, { level: 1 })).toThrow(RangeError);
    expect(() => clusteredBootstrap(spread, { seed: 0.5 })).toThrow(RangeError);
  });
});

describe("pairedContrast", () => {
  it("averages per-question differences over questions answered in both conditions", () => {
    const a = cells(["q1", 2, 4], ["q2", 1, 2], ["q3", 3, 3], ["q5", 1, 4]);
    const b = cells(["q1", 1, 4], ["q2", 1, 2], ["q4", 2, 4], ["q5", 0, 0]);
    // shared with n > 0 in both: q1 (2/4 - 1/4 = 0.25) and q2 (1/2 - 1/2 = 0); q3, q4 unmatched, q5 has n_b = 0
    // estimate = (0.25 + 0) / 2 = 0.125
    const result = pairedContrast(a, b)!;
    expect(result.estimate).toBe(0.125);
    expect(result.questions).toBe(2);
    expect(result.resamples).toBe(2000);
    expect(result.low).toBeLessThanOrEqual(result.estimate);
    expect(result.high).toBeGreaterThanOrEqual(result.estimate);
    // b - a is the mirror image
    expect(pairedContrast(b, a)!.estimate).toBe(-0.125);
  });

  it("is exactly 0 with interval [0, 0] for identical conditions", () => {
    const a = cells(["q1", 1, 4], ["q2", 3, 7], ["q3", 0, 5]);
    expect(pairedContrast(a, a)).toEqual({ estimate: 0, low: 0, high: 0, questions: 3, resamples: 2000 });
  });

  it("resamples questions jointly, so a constant per-question shift has a zero-width interval", () => {
    // rates differ a lot between questions, but a - b = 0.25 on every question: 1/4-0, 3/4-2/4, 4/4-3/4
    const a = cells(["q1", 1, 4], ["q2", 3, 4], ["q3", 4, 4]);
    const b = cells(["q1", 0, 4], ["q2", 2, 4], ["q3", 3, 4]);
    expect(pairedContrast(a, b)).toEqual({ estimate: 0.25, low: 0.25, high: 0.25, questions: 3, resamples: 2000 });
  });

  it("matches a paired resampling worked through by hand", () => {
    // differences in question order q1, q2, q3 = [1 - 0, 0.5 - 0, 0 - 0] = [1, 0.5, 0]; estimate 0.5.
    // Seed 7 draws (as in the clusteredBootstrap case): [0,0,2] [2,1,1] [1,0,1] [2,0,0] [2,1,0]
    // -> means 2/3, 1/3, 2/3, 2/3, 1/2; sorted [1/3, 1/2, 2/3, 2/3, 2/3].
    // level 0.8 -> p = 0.1: h = 0.4 -> 1/3 + 0.4·(1/2 - 1/3) = 0.4; p = 0.9: h = 3.6 -> 2/3
    const a = cells(["q1", 2, 2], ["q2", 1, 2], ["q3", 0, 2]);
    const b = cells(["q3", 0, 3], ["q2", 0, 3], ["q1", 0, 3]);
    const result = pairedContrast(a, b, { seed: 7, resamples: 5, level: 0.8 })!;
    expect(result.estimate).toBe(0.5);
    expect(result.low).toBeCloseTo(0.4, 12);
    expect(result.high).toBeCloseTo(2 / 3, 12);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    // 7 questions with uneven differences, so resample means are nearly all distinct
    const a = cells(["q1", 5, 10], ["q2", 2, 9], ["q3", 9, 10], ["q4", 0, 11], ["q5", 7, 13], ["q6", 3, 7], ["q7", 4, 6]);
    const b = cells(["q1", 1, 10], ["q2", 2, 10], ["q3", 3, 10], ["q4", 1, 10], ["q5", 2, 12], ["q6", 0, 8], ["q7", 1, 5]);
    const first = pairedContrast(a, b, { seed: 3 })!;
    expect(pairedContrast(a, b, { seed: 3 })).toEqual(first);
    const other = pairedContrast(a, b, { seed: 4 })!;
    expect([other.low, other.high]).not.toEqual([first.low, first.high]);
  });

  it("is null when no question is answered in both conditions", () => {
    expect(pairedContrast(cells(["q1", 1, 4]), cells(["q2", 1, 4]))).toBeNull();
    expect(pairedContrast(cells(["q1", 1, 4]), cells(["q1", 0, 0]))).toBeNull();
    expect(pairedContrast([], [])).toBeNull();
  });
});
