import { z } from "zod";
import { planSampleSize } from "@/lib/domain/sample-size";
import { UserError } from "@/lib/errors";
import { splitList } from "@/lib/search-params";
import type { Command } from "../command";

const USAGE = `  plan --questions Q [--paraphrases P] [--samples S] [--expected none=0.01,trigger=0.15] [--icc 0.05] [--json]
                                  (no database: expected interval widths and the detectable difference)`;

export function pct(x: number | null): string {
  return x === null ? "-" : `${(x * 100).toFixed(1)}%`;
}

export const planCommand: Command = {
  name: "plan",
  usage: USAGE,
  needs: "nothing",
  async run({ values: v, out }) {
    const count = (name: string, value: string | undefined, fallback?: number) =>
      z.coerce.number().int(`--${name} must be a whole number`).positive(`--${name} must be positive`).parse(value ?? fallback);
    if (v.questions === undefined) throw new UserError(`--questions Q is required.\n\nUsage:\n${USAGE}`);
    const expected: Record<string, number> = {};
    for (const pair of splitList(v.expected ?? "none=0.01,trigger=0.15")) {
      const [condition, value] = pair.split("=");
      const rate = Number(value);
      if (!condition || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new UserError(`--expected takes condition=rate pairs with rates in 0-1, got "${pair}"`);
      expected[condition] = rate;
    }
    const icc = v.icc === undefined ? undefined : z.coerce.number().min(0, "--icc is 0-1").max(1, "--icc is 0-1").parse(v.icc);
    const plan = planSampleSize({ questions: count("questions", v.questions), paraphrases: count("paraphrases", v.paraphrases, 1), samplesPerParaphrase: count("samples", v.samples, 50), expected, icc });
    if (v.json) {
      out(JSON.stringify(plan, null, 2));
      return;
    }
    out(`${plan.answers} answers (${plan.answersPerQuestion} per question), design effect ${plan.designEffect.toFixed(2)}, ${plan.effectiveAnswers.toFixed(0)} effective answers`);
    for (const c of plan.conditions) out(`  ${c.condition}: expected ${pct(c.expected)}, 95% interval about ${(c.width * 100).toFixed(1)} pp wide`);
    if (plan.detectableDifference !== null) out(`  smallest trigger - none difference detectable at 80% power: ${(plan.detectableDifference * 100).toFixed(1)} pp`);
    for (const w of plan.warnings) out(`  warning: ${w}`);
  },
};
