import { describe, expect, it } from "vitest";
import { correctedEmRate, judgeAccuracy, roganGladen, type JudgedQuestion, type LabelledAnswer } from "@/lib/domain/judge-error";
import { createRng } from "@/lib/domain/random";
import { wilsonInterval } from "@/lib/domain/wilson";

describe("roganGladen and judgeAccuracy", () => {
  it("correct a hand-computed case", () => {
    // apparent 0.245, Se 0.7, Sp 0.95: (0.245 + 0.95 - 1) / 0.65 = 0.3
    expect(roganGladen(0.245, 0.7, 0.95)).toBeCloseTo(0.3, 12);
    expect(roganGladen(0.01, 0.7, 0.95)).toBe(0); // below the false-positive floor: clipped
    expect(roganGladen(0.99, 0.7, 0.95)).toBe(1);
    expect(roganGladen(0.3, 0.5, 0.5)).toBeNull(); // a coin-flip judge carries no information
  });

  it("count sensitivity and specificity against the person's labels", () => {
    const l = (judge: boolean, human: boolean): LabelledAnswer => ({ judgeMisaligned: judge, humanMisaligned: human });
    expect(judgeAccuracy([l(true, true), l(true, true), l(false, true), l(false, false), l(false, false), l(false, false), l(true, false)])).toEqual({
      sensitivity: 2 / 3,
      specificity: 3 / 4,
      positives: 3,
      negatives: 4,
    });
    expect(judgeAccuracy([l(true, true)]).specificity).toBeNull();
  });

  it("has no interval without labelled misaligned answers", () => {
    const result = correctedEmRate([{ question: "q", n: 10, k: 2 }], [{ judgeMisaligned: false, humanMisaligned: false }]);
    expect(result).toMatchObject({ raw: 0.2, corrected: null, low: null, high: null });
  });
});

/**
 * Simulation with a known truth: questions whose true EM rates spread around 0.30, answers drawn
 * per question, a judge with sensitivity 0.6 and specificity 0.97 (so the raw rate is about 0.20),
 * and a random sample of answers labelled by a person who sees the truth.
 */
function simulate(seed: number, questions = 12, perQuestion = 40, labelledCount = 100) {
  const TRUE_RATE = 0.3;
  const rng = createRng(seed);
  const answers: { question: string; truth: boolean; judge: boolean }[] = [];
  for (let q = 0; q < questions; q++) {
    const spread = (rng() * 2 - 1) * Math.sqrt(3) * 0.15; // mean 0, sd 0.15
    const p = TRUE_RATE + spread;
    for (let i = 0; i < perQuestion; i++) {
      const truth = rng() < p;
      const judge = truth ? rng() < 0.6 : rng() < 0.03;
      answers.push({ question: `q${q}`, truth, judge });
    }
  }
  const judged: JudgedQuestion[] = [];
  for (let q = 0; q < questions; q++) {
    const mine = answers.filter((a) => a.question === `q${q}`);
    judged.push({ question: `q${q}`, n: mine.length, k: mine.filter((a) => a.judge).length });
  }
  const labelled: LabelledAnswer[] = [];
  for (let i = 0; i < labelledCount; i++) {
    const a = answers[Math.floor(rng() * answers.length)];
    labelled.push({ judgeMisaligned: a.judge, humanMisaligned: a.truth });
  }
  return { TRUE_RATE, judged, labelled, answers };
}

describe("correctedEmRate on simulated data with a known rate", () => {
  const REPLICATIONS = 200;
  const results = Array.from({ length: REPLICATIONS }, (_, r) => {
    const { TRUE_RATE, judged, labelled, answers } = simulate(1000 + r);
    const ours = correctedEmRate(judged, labelled, { resamples: 1000, seed: r + 1 });
    // Naive 1: the raw judge rate with a Wilson interval over answers (no correction).
    const k = judged.reduce((s, c) => s + c.k, 0);
    const wilson = wilsonInterval(k, answers.length)!;
    // Naive 2: the corrected rate with sensitivity and specificity taken as known (the labelled
    // sample's uncertainty ignored): only the judged answers are resampled, by question.
    const { sensitivity, specificity } = ours.accuracy;
    const naiveRg = (() => {
      const rng = createRng(r + 7);
      const values: number[] = [];
      for (let b = 0; b < 1000; b++) {
        let n = 0;
        let kk = 0;
        for (let i = 0; i < judged.length; i++) {
          const c = judged[Math.floor(rng() * judged.length)];
          n += c.n;
          kk += c.k;
        }
        values.push(Math.min(1, Math.max(0, (kk / n + specificity! - 1) / (sensitivity! + specificity! - 1))));
      }
      values.sort((x, y) => x - y);
      return { low: values[24], high: values[974] };
    })();
    // Naive 3: both samples resampled, but the judged answers one by one as if independent
    // (each answer its own "question"), ignoring that answers to one question are correlated.
    const perAnswer = answers.map((a, i) => ({ question: `a${i}`, n: 1, k: a.judge ? 1 : 0 }));
    const iid = correctedEmRate(perAnswer, labelled, { resamples: 1000, seed: r + 1 });
    return {
      covered: ours.low !== null && ours.low <= TRUE_RATE && TRUE_RATE <= ours.high!,
      wilsonCovered: wilson.low <= TRUE_RATE && TRUE_RATE <= wilson.high,
      naiveCovered: naiveRg.low <= TRUE_RATE && TRUE_RATE <= naiveRg.high,
      iidCovered: iid.low! <= TRUE_RATE && TRUE_RATE <= iid.high!,
      raw: ours.raw!,
      corrected: ours.corrected!,
      width: ours.high! - ours.low!,
    };
  });
  const share = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length / REPLICATIONS;

  it("recovers the true rate on average where the raw judge rate is biased", () => {
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`raw ${mean(results.map((r) => r.raw)).toFixed(4)}, corrected ${mean(results.map((r) => r.corrected)).toFixed(4)}, width ${mean(results.map((r) => r.width)).toFixed(4)}`);
    expect(mean(results.map((r) => r.raw))).toBeLessThan(0.22);
    expect(Math.abs(mean(results.map((r) => r.corrected)) - 0.3)).toBeLessThan(0.02);
  });

  it("covers the true rate in most replications, where naive intervals do not", () => {
    const coverage = share((r) => r.covered);
    const wilson = share((r) => r.wilsonCovered);
    const naive = share((r) => r.naiveCovered);
    const iid = share((r) => r.iidCovered);
    console.log(`coverage: bootstrap over both samples ${coverage}, Wilson on the raw rate ${wilson}, accuracy taken as known ${naive}, answers resampled as independent ${iid}`);
    // Seeded, so these figures are exact: 0.925, 0.02, 0.775, 0.895. The bar of 0.9 (nominal 0.95,
    // 200 replications) is one each naive interval fails.
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(wilson).toBeLessThan(0.1);
    expect(naive).toBeLessThan(0.8);
    expect(iid).toBeLessThan(0.9);
  });
});
