import { describe, expect, it } from "vitest";
import { simulateContrastCoverage, simulateRateCoverage } from "@/lib/domain/coverage-simulation";

// The coverage simulation of docs/STATISTICS.md, at 8 questions (what EM question sets have), as a
// test: the default intervals must keep their coverage, and Wilson must not (so the test can fail).
const REPLICATIONS = 1000;
const SEED = 7;

describe("rate interval coverage at 8 questions (ICC 0.048, 10-100 answers per question)", () => {
  const results = [0.01, 0.05, 0.1, 0.25].map((trueRate) =>
    simulateRateCoverage({ questions: 8, trueRate, concentration: 20, minAnswers: 10, maxAnswers: 100 }, ["cluster-wilson", "wilson"], REPLICATIONS, SEED),
  );
  it("the default (cluster-adjusted Wilson) covers >= 93% on average and >= 92% at every true rate", () => {
    const coverage = results.map((r) => r[0].coverage);
    expect(coverage.reduce((s, c) => s + c, 0) / coverage.length).toBeGreaterThanOrEqual(0.93);
    for (const c of coverage) expect(c).toBeGreaterThanOrEqual(0.92);
  });
  it("Wilson, which treats answers as independent, covers less than 93% at every true rate", () => {
    for (const r of results) expect(r[1].coverage).toBeLessThan(0.93);
  });
});

describe("contrast interval coverage at 8 questions", () => {
  const scenario = { questions: 8, questionShape: 4, interactionShape: 4, minAnswers: 10, maxAnswers: 100 };
  it("with no true difference the default (jackknife-t) covers >= 93%; the unclustered Wald does not", () => {
    const [jackknife, unclustered] = simulateContrastCoverage({ ...scenario, rateA: 0.1, rateB: 0.1 }, ["jackknife-t", "unclustered"], REPLICATIONS, SEED);
    expect(jackknife.coverage).toBeGreaterThanOrEqual(0.93);
    expect(unclustered.coverage).toBeLessThan(0.9);
  });
  it("for a containment-shaped contrast (15% vs 0.5%) it stays >= 88% and far above the unclustered Wald", () => {
    const [jackknife, unclustered] = simulateContrastCoverage({ ...scenario, rateA: 0.15, rateB: 0.005 }, ["jackknife-t", "unclustered"], REPLICATIONS, SEED);
    expect(jackknife.coverage).toBeGreaterThanOrEqual(0.88);
    expect(jackknife.coverage - unclustered.coverage).toBeGreaterThan(0.25);
  });
});
