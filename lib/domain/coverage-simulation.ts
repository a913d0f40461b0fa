// Seeded simulation of interval coverage under question clustering (docs/STATISTICS.md).
// Rates: each question's true rate is drawn from Beta(mean = true EM, concentration c), so the
// intra-question correlation is 1 / (1 + c); each question gets 10-100 answers; the target is the
// true EM (the answer-weighted mean over the question population). Contrasts: question q's rate
// under condition x is min(1, mean_x * s_q * e_qx), with a shared question effect s_q and an
// interaction e_qx (both mean-1 gammas), so the two sides of a question are correlated as real
// conditions are; the target is computed by Monte Carlo over the same model.
import { pooledContrast, type ContrastMethod } from "./pooled-contrast";
import { createRng, randomInt } from "./random";
import { betaMeanConcentration, binomial, gamma } from "./random-variates";
import { rateInterval, type QuestionCounts, type RateMethod } from "./rate-interval";

export interface RateScenario {
  questions: number;
  trueRate: number;
  /** Beta concentration of per-question rates (ICC = 1 / (1 + c)). */
  concentration: number;
  minAnswers: number;
  maxAnswers: number;
}

export interface Coverage {
  method: string;
  coverage: number;
  /** Mean width of the interval, in proportion units (rows without an interval count as misses). */
  meanWidth: number;
  replications: number;
}

export function simulateRateCoverage(scenario: RateScenario, methods: readonly RateMethod[], replications: number, seed: number): Coverage[] {
  const rng = createRng(seed);
  const hits = methods.map(() => 0);
  const widths = methods.map(() => 0);
  for (let r = 0; r < replications; r++) {
    const cells: QuestionCounts[] = [];
    for (let q = 0; q < scenario.questions; q++) {
      const n = scenario.minAnswers + randomInt(rng, scenario.maxAnswers - scenario.minAnswers + 1);
      const p = betaMeanConcentration(rng, scenario.trueRate, scenario.concentration);
      cells.push({ question: `q${q}`, n, k: binomial(rng, n, p) });
    }
    methods.forEach((method, i) => {
      const e = rateInterval(cells, method);
      if (e.ciLow === null || e.ciHigh === null) return;
      if (e.ciLow <= scenario.trueRate && scenario.trueRate <= e.ciHigh) hits[i]++;
      widths[i] += e.ciHigh - e.ciLow;
    });
  }
  return methods.map((method, i) => ({ method, coverage: hits[i] / replications, meanWidth: widths[i] / replications, replications }));
}

export interface ContrastScenario {
  questions: number;
  rateA: number;
  rateB: number;
  /** Shape of the shared question effect (larger: more alike questions). */
  questionShape: number;
  /** Shape of the question x condition interaction. */
  interactionShape: number;
  minAnswers: number;
  maxAnswers: number;
}

function questionRates(rng: () => number, s: ContrastScenario): [number, number] {
  const shared = gamma(rng, s.questionShape) / s.questionShape;
  const a = Math.min(1, s.rateA * shared * (gamma(rng, s.interactionShape) / s.interactionShape));
  const b = Math.min(1, s.rateB * shared * (gamma(rng, s.interactionShape) / s.interactionShape));
  return [a, b];
}

/** The population difference of pooled rates (answer counts are independent of rates, so means). */
export function contrastTarget(s: ContrastScenario, draws = 400_000, seed = 99): number {
  const rng = createRng(seed);
  let a = 0;
  let b = 0;
  for (let i = 0; i < draws; i++) {
    const [pa, pb] = questionRates(rng, s);
    a += pa;
    b += pb;
  }
  return (a - b) / draws;
}

export function simulateContrastCoverage(scenario: ContrastScenario, methods: readonly ContrastMethod[], replications: number, seed: number, target = contrastTarget(scenario)): Coverage[] {
  const rng = createRng(seed);
  const hits = methods.map(() => 0);
  const widths = methods.map(() => 0);
  for (let r = 0; r < replications; r++) {
    const a: QuestionCounts[] = [];
    const b: QuestionCounts[] = [];
    for (let q = 0; q < scenario.questions; q++) {
      const n = scenario.minAnswers + randomInt(rng, scenario.maxAnswers - scenario.minAnswers + 1);
      const [pa, pb] = questionRates(rng, scenario);
      a.push({ question: `q${q}`, n, k: binomial(rng, n, pa) });
      b.push({ question: `q${q}`, n, k: binomial(rng, n, pb) });
    }
    methods.forEach((method, i) => {
      const c = pooledContrast(a, b, { method, pValue: false });
      if (c.ciLow === null || c.ciHigh === null) return;
      if (c.ciLow <= target && target <= c.ciHigh) hits[i]++;
      widths[i] += c.ciHigh - c.ciLow;
    });
  }
  return methods.map((method, i) => ({ method, coverage: hits[i] / replications, meanWidth: widths[i] / replications, replications }));
}
