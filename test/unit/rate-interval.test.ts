import { describe, expect, it } from "vitest";
import { clusterRatio } from "@/lib/domain/cluster-ratio";
import { tCritical } from "@/lib/domain/distributions";
import { designEffect, rateInterval, wilsonBounds } from "@/lib/domain/rate-interval";

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
