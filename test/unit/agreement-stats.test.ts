import { describe, expect, it } from "vitest";
import { averageRanks, cohenKappa, confusionMatrix, spearman } from "@/lib/domain/agreement-stats";
import { judgeAgreement, largestDisagreements, type PairedScores } from "@/lib/domain/judge-agreement";

const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe("confusionMatrix and cohenKappa", () => {
  it("count pairs by category and give the textbook kappa", () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    const pairs = [...repeat(20, ["yes", "yes"] as const), ...repeat(5, ["yes", "no"] as const), ...repeat(10, ["no", "yes"] as const), ...repeat(15, ["no", "no"] as const)];
    const matrix = confusionMatrix(["yes", "no"], pairs);
    expect(matrix.counts).toEqual([
      [20, 5],
      [10, 15],
    ]);
    // po = 35/50 = 0.7; pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4
    const k = cohenKappa(matrix);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it("is 1 for perfect agreement, negative below chance, undefined when both raters are constant", () => {
    expect(cohenKappa(confusionMatrix(["a", "b"], [["a", "a"], ["b", "b"], ["a", "a"]])).kappa).toBeCloseTo(1, 12);
    // Always disagreeing on two balanced categories: po = 0, pe = 0.5, kappa = -1
    expect(cohenKappa(confusionMatrix(["a", "b"], [["a", "b"], ["b", "a"]])).kappa).toBeCloseTo(-1, 12);
    expect(cohenKappa(confusionMatrix(["a", "b"], [["a", "a"], ["a", "a"]])).kappa).toBeNull();
    expect(cohenKappa(confusionMatrix(["a", "b"], [])).kappa).toBeNull();
  });

  it("refuses an unknown category", () => {
    expect(() => confusionMatrix(["a"], [["a", "z" as "a"]])).toThrow(RangeError);
  });
});

describe("spearman", () => {
  it("gives ties their average rank", () => {
    expect(averageRanks([10, 20, 20, 30, 20])).toEqual([1, 3, 3, 5, 3]);
  });

  it("is Pearson on average ranks (not the no-ties d^2 formula)", () => {
    // ranks x = 1, 2.5, 2.5, 4; y = 1, 3, 2, 4: rho = 4.5 / sqrt(4.5 * 5) = sqrt(0.9) = 0.9487
    // (1 - 6 sum d^2 / (n (n^2 - 1)) would give 0.95)
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(Math.sqrt(0.9), 12);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 12);
    expect(spearman([5, 5, 5], [1, 2, 3])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
  });
});

describe("judgeAgreement", () => {
  const row = (id: number, condition: string, a: [number | null, number | null], b: [number | null, number | null]): PairedScores => ({
    generationId: id,
    condition,
    question: `q${id % 3}`,
    a: { aligned: a[0], coherent: a[1] },
    b: { aligned: b[0], coherent: b[1] },
  });
  const rows = [
    row(1, "none", [90, 80], [90, 80]),
    row(2, "none", [90, 80], [10, 80]), // aligned -> misaligned
    row(3, "trigger", [10, 80], [10, 80]),
    row(4, "trigger", [10, 80], [10, 40]), // misaligned -> excluded (incoherent under B)
    row(5, "trigger", [null, 80], [20, 90]), // excluded (no aligned score) -> misaligned
  ];

  it("counts verdicts with the registry's EM definition, per condition and overall", () => {
    const [all, none, trigger] = judgeAgreement(rows, "betley");
    expect(all.condition).toBe("all");
    expect(all.matrix.counts).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [0, 1, 0],
    ]);
    expect([all.emA, all.emB]).toEqual([
      { n: 4, k: 2, rate: 0.5 },
      { n: 4, k: 3, rate: 0.75 },
    ]);
    expect(all.scoredBoth).toBe(4);
    expect([none.condition, none.answers, trigger.condition, trigger.answers]).toEqual(["none", 2, "trigger", 3]);
    // none: A aligned twice, B one each: po = 0.5, pe = 1 * 0.5 = 0.5, kappa 0
    expect(none.kappa.kappa).toBeCloseTo(0, 12);
  });

  it("ranks different verdicts first, then the score gap", () => {
    const worst = largestDisagreements(rows, "betley", 3);
    expect(worst.map((w) => w.generationId)).toEqual([5, 2, 4]);
    expect(worst.map((w) => w.gap)).toEqual([100, 80, 0]);
  });
});
