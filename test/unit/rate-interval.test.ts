import { describe, expect, it } from "vitest";
import { clusterRatio } from "@/lib/domain/cluster-ratio";
import { tCritical } from "@/lib/domain/distributions";
import { designEffect, rateInterval, replicateRateInterval, wilsonBounds } from "@/lib/domain/rate-interval";

// Four questions of ten answers: 2, 0, 5 and 1 misaligned. Expected values computed independently
// (Python with scipy.stats): p = 0.2, CR1 variance 0.0116667, deff 2.91667, n_eff 13.7143, t(3) 3.18245.
const cells = [
  { question: "a", n: 10, k: 2 },
  { question: "b", n: 10, k: 0 },
  { question: "c", n: 10, k: 5 },
  { question: "d", n: 10, k: 1 },
];

describe("clusterRatio", () => {
  it("gives the pooled ratio and its CR1 variance", () => {
    const r = clusterRatio(cells.map((c) => ({ question: c.question, y: c.k, m: c.n })))!;
    expect(r.estimate).toBe(0.2);
    expect(r.variance).toBeCloseTo(0.011666666666666665, 15);
    expect(r.questions).toBe(4);
    expect(r.total).toBe(40);
  });
  it("is zero-variance when every question has the same rate, and null without answers", () => {
    expect(clusterRatio([{ question: "a", y: 1, m: 4 }, { question: "b", y: 2, m: 8 }])!.variance).toBe(0);
    expect(clusterRatio([{ question: "a", y: 0, m: 0 }])).toBeNull();
  });
});

describe("tCritical", () => {
  it("matches Student's t quantiles", () => {
    expect(tCritical(3)).toBeCloseTo(3.1824463052837078, 9);
    expect(tCritical(7)).toBeCloseTo(2.3646242510102993, 7); // jStat is accurate to ~1e-8 here
    expect(tCritical(Infinity)).toBeCloseTo(1.959963984540054, 9);
  });
});

describe("rateInterval", () => {
  it("cluster-wilson: Wilson on n / deff with t on Q-1 df", () => {
    expect(designEffect(0.2, 0.011666666666666665, 40)).toBeCloseTo(2.9166666666666656, 12);
    const r = rateInterval(cells, "cluster-wilson");
    expect(r).toMatchObject({ n: 40, k: 8, questions: 4, rate: 0.2, method: "cluster-wilson" });
    expect(r.ciLow).toBeCloseTo(0.03725321641093182, 9);
    expect(r.ciHigh).toBeCloseTo(0.6176211616598084, 9);
  });
  it("is the default, and wider than Wilson, which ignores the clustering", () => {
    const clustered = rateInterval(cells);
    const wilson = rateInterval(cells, "wilson");
    expect(clustered.method).toBe("cluster-wilson");
    expect(wilson.ciLow).toBeCloseTo(0.10499989725437704, 9);
    expect(wilson.ciHigh).toBeCloseTo(0.347573063463995, 9);
    expect(clustered.ciHigh! - clustered.ciLow!).toBeGreaterThan(2 * (wilson.ciHigh! - wilson.ciLow!));
  });
  it("cluster-wald and korn-graubard against hand-computed values", () => {
    const wald = rateInterval(cells, "cluster-wald");
    expect(wald.ciLow).toBe(0); // -0.1437 clipped
    expect(wald.ciHigh).toBeCloseTo(0.5437434881858308, 9);
    const kg = rateInterval(cells, "korn-graubard");
    expect(kg.ciLow).toBeCloseTo(0.005728959082579212, 6);
    expect(kg.ciHigh).toBeCloseTo(0.7065357894721369, 6);
  });
  it("draws zero: k = 0 still has an upper bound, from the binomial design effect of 1", () => {
    const zero = rateInterval([{ question: "a", n: 50, k: 0 }, { question: "b", n: 50, k: 0 }]);
    expect(zero.rate).toBe(0);
    expect(zero.ciLow).toBe(0);
    const t = tCritical(1);
    expect(zero.ciHigh).toBeCloseTo(wilsonBounds(0, 100, t)[1], 12);
    expect(zero.ciHigh).toBeGreaterThan(0.1); // t(1) = 12.7: two questions say little
  });
  it("has no clustered interval for one question, and no rate without answers", () => {
    expect(rateInterval([{ question: "a", n: 10, k: 3 }])).toMatchObject({ rate: 0.3, ciLow: null, ciHigh: null, note: "one question: no clustered interval" });
    expect(rateInterval([{ question: "a", n: 0, k: 0 }])).toMatchObject({ rate: null, ciLow: null, note: "no counted answers" });
  });
  it("refuses impossible counts and repeated questions", () => {
    expect(() => rateInterval([{ question: "a", n: 4, k: 5 }])).toThrow(RangeError);
    expect(() => rateInterval([{ question: "a", n: 4, k: 1 }, { question: "a", n: 4, k: 1 }])).toThrow(/appears twice/);
  });
});

describe("replicateRateInterval (two-way: questions x seeds)", () => {
  // Three seeds x three questions of 10 answers; expected values from an independent scipy computation:
  // V_q 0.0134568, V_seed 0.0064198, V_q x seed 0.0053086 -> V 0.0145679, deff 7.0989, t(2).
  const r = (question: string, replicate: string, k: number) => ({ question, replicate, n: 10, k });
  const cells = [r("a", "s1", 2), r("b", "s1", 0), r("c", "s1", 4), r("a", "s2", 5), r("b", "s2", 1), r("c", "s2", 6), r("a", "s3", 1), r("b", "s3", 0), r("c", "s3", 3)];
  it("pools the seeds and widens the interval by the between-seed variation", () => {
    const e = replicateRateInterval(cells);
    expect(e).toMatchObject({ n: 90, k: 22, questions: 3 });
    expect(e.rate).toBeCloseTo(0.24444444444444444, 12);
    expect(e.ciLow).toBeCloseTo(0.031944400531602246, 6);
    expect(e.ciHigh).toBeCloseTo(0.7603067721960926, 6);
    // Wider than clustering by question alone over the pooled answers.
    const byQuestion = rateInterval([{ question: "a", n: 30, k: 8 }, { question: "b", n: 30, k: 1 }, { question: "c", n: 30, k: 13 }]);
    expect(e.ciHigh! - e.ciLow!).toBeGreaterThan(byQuestion.ciHigh! - byQuestion.ciLow!);
  });
  it("needs two seeds", () => {
    expect(replicateRateInterval(cells.filter((c) => c.replicate === "s1"))).toMatchObject({ ciLow: null, note: "one replicate: no between-seed interval" });
  });
});
