// Coverage of every interval method by seeded simulation (docs/STATISTICS.md keeps the output).
// `npm run bench:coverage [-- --replications 1000 --bootstrap]`; the bootstrap methods are slow.
import { parseArgs } from "node:util";
import { contrastTarget, simulateContrastCoverage, simulateRateCoverage } from "../lib/domain/coverage-simulation";
import type { ContrastMethod } from "../lib/domain/pooled-contrast";
import type { RateMethod } from "../lib/domain/rate-interval";

const { values } = parseArgs({ options: { replications: { type: "string", default: "1000" }, bootstrap: { type: "boolean", default: false }, seed: { type: "string", default: "7" } } });
const replications = Number(values.replications);
const seed = Number(values.seed);
const rateMethods: RateMethod[] = ["cluster-wilson", "korn-graubard", "cluster-wald", "wilson", ...(values.bootstrap ? (["cluster-bootstrap"] as const) : [])];
const contrastMethods: ContrastMethod[] = ["jackknife-t", "cluster-t", "unclustered", ...(values.bootstrap ? (["paired-bootstrap"] as const) : [])];
const pct = (x: number) => (x * 100).toFixed(1);

console.log(`## Rates: coverage % / mean width pp (${replications} replications, seed ${seed}, 10-100 answers per question)\n`);
console.log(`| questions | true EM | ICC | ${rateMethods.join(" | ")} |`);
console.log(`|${" --- |".repeat(3 + rateMethods.length)}`);
for (const questions of [5, 8, 12, 24]) {
  for (const trueRate of [0.01, 0.05, 0.1, 0.25]) {
    for (const concentration of [20, 5]) {
      const result = simulateRateCoverage({ questions, trueRate, concentration, minAnswers: 10, maxAnswers: 100 }, rateMethods, replications, seed);
      console.log(`| ${questions} | ${pct(trueRate)}% | ${(1 / (1 + concentration)).toFixed(3)} | ${result.map((r) => `${pct(r.coverage)} / ${pct(r.meanWidth)}`).join(" | ")} |`);
    }
  }
}

console.log(`\n## Contrasts A − B: coverage % / mean width pp\n`);
console.log(`| questions | A | B | question shape | target pp | ${contrastMethods.join(" | ")} |`);
console.log(`|${" --- |".repeat(5 + contrastMethods.length)}`);
for (const questions of [5, 8, 12, 24]) {
  for (const [rateA, rateB] of [[0.15, 0.005], [0.05, 0.01], [0.2, 0.1], [0.1, 0.1]]) {
    for (const questionShape of [4, 1]) {
      const scenario = { questions, rateA, rateB, questionShape, interactionShape: 4, minAnswers: 10, maxAnswers: 100 };
      const target = contrastTarget(scenario);
      const result = simulateContrastCoverage(scenario, contrastMethods, replications, seed, target);
      console.log(`| ${questions} | ${pct(rateA)}% | ${pct(rateB)}% | ${questionShape} | ${pct(target)} | ${result.map((r) => `${pct(r.coverage)} / ${pct(r.meanWidth)}`).join(" | ")} |`);
    }
  }
}
