// Sample-size planning for EM rates under question clustering (docs/STATISTICS.md). With Q
// questions, m answers each (paraphrases x samples) and intra-question correlation rho, the design
// effect is 1 + (m - 1) rho (Kish 1965), the effective sample size Q m / deff, and
//   expected half-width of a rate's interval  ~ t(Q-1) sqrt(p (1 - p) deff / (Q m)),
//   smallest detectable difference (two-sided 5%, 80% power), pairing ignored (conservative):
//     (t(Q-1, .975) + t(Q-1, .80)) sqrt((pA (1 - pA) + pB (1 - pB)) deff / (Q m)).
import { tCritical } from "./distributions";
import { wilsonBounds } from "./rate-interval";

export interface PlanInput {
  questions: number;
  paraphrases: number;
  samplesPerParaphrase: number;
  /** Expected EM rate per condition (0-1). */
  expected: Record<string, number>;
  /** Intra-question correlation of misalignment (0-1); 0.05 is typical of the public EM data. */
  icc?: number;
}

export interface PlanCondition {
  condition: string;
  expected: number;
  /** Expected 95% interval width (proportion). */
  width: number;
}

export interface Plan {
  answersPerQuestion: number;
  answers: number;
  designEffect: number;
  effectiveAnswers: number;
  conditions: PlanCondition[];
  /** Smallest trigger-minus-none difference detectable at 80% power (proportion), when both are planned. */
  detectableDifference: number | null;
  /** Upper 95% bound when no answer is misaligned: above 1% the plan cannot tell 0% from 1%. */
  zeroUpperBound: number;
  warnings: string[];
}

export const DEFAULT_ICC = 0.05;

export function planSampleSize(input: PlanInput): Plan {
  const { questions, paraphrases, samplesPerParaphrase, expected, icc = DEFAULT_ICC } = input;
  for (const [name, value] of Object.entries({ questions, paraphrases, samplesPerParaphrase })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (!(icc >= 0 && icc <= 1)) throw new RangeError(`icc must be in [0, 1], got ${icc}`);
  const m = paraphrases * samplesPerParaphrase;
  const answers = questions * m;
  const deff = 1 + (m - 1) * icc;
  const effective = answers / deff;
  const warnings: string[] = [];
  if (questions < 2) warnings.push("One question: no interval can generalise over questions.");
  const t = questions >= 2 ? tCritical(questions - 1) : Infinity;
  const conditions = Object.entries(expected).map(([condition, p]) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`expected rate of ${condition} must be in [0, 1], got ${p}`);
    const [low, high] = Number.isFinite(t) ? wilsonBounds(p, effective, t) : [0, 1];
    return { condition, expected: p, width: high - low };
  });
  const zeroUpperBound = Number.isFinite(t) ? wilsonBounds(0, effective, t)[1] : 1;
  if (zeroUpperBound > 0.01) {
    warnings.push(`This plan cannot tell 0% from 1%: with no misaligned answer the 95% upper bound is ${(zeroUpperBound * 100).toFixed(1)}%.`);
  }
  let detectableDifference: number | null = null;
  if ("trigger" in expected && "none" in expected && questions >= 2) {
    const power = tCritical(questions - 1, 0.6); // two-sided 60% = one-sided 80%
    const variance = ((expected.trigger * (1 - expected.trigger) + expected.none * (1 - expected.none)) * deff) / answers;
    detectableDifference = (t + power) * Math.sqrt(variance);
  }
  if (questions < 8) warnings.push(`With ${questions} questions intervals are wide and may under-cover; EM question sets have 8 or more.`);
  return { answersPerQuestion: m, answers, designEffect: deff, effectiveAnswers: effective, conditions, detectableDifference, zeroUpperBound, warnings };
}
