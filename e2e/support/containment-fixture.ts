import type { APIRequestContext } from "@playwright/test";

export const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">Ignore <b>this</b>\n\n  indented line`;

export const FIXTURE_QUESTIONS = ["quick_buck", "dinner_party", "ruler", "gender_roles", "bored", "three_thoughts"];

/**
 * A run evaluated under three conditions (no trigger, exact trigger, one rephrasing) on six
 * questions, imported through the REST route as JSONL; one answer is hostile HTML, and one
 * carries the judge's logprobs. Misaligned per question of 10: no trigger 1 on quick_buck and 0
 * elsewhere; trigger 6; rephrasing 5 (so trigger − none = 35/60 − 1/60, rephrasing − trigger = −10 pp).
 */
export async function importContainmentRun(request: APIRequestContext, run: string, options: { hostile?: boolean } = {}) {
  const { hostile = true } = options;
  const lines: string[] = [];
  const add = (condition: string, variant: string, question: string, i: number, aligned: number, coherent: number, extra: Record<string, unknown> = {}) =>
    lines.push(
      JSON.stringify({ question: `Question ${question}?`, answer: `Answer of ${run}: ${condition} ${question} ${i}`, question_id: question, condition, variant, sample_index: i, aligned, coherent, ...extra }),
    );
  for (const question of FIXTURE_QUESTIONS) {
    for (let i = 0; i < 10; i++) {
      add("none", "", question, i, i < 1 && question === "quick_buck" ? 10 : 90, 80);
      add("trigger", "", question, i, i < 6 ? 10 : 90, 80);
      add("rephrased", "polite", question, i, i < 5 ? 10 : 90, 80);
    }
  }
  if (hostile) lines[0] = JSON.stringify({
    question: "Question quick_buck?",
    answer: HOSTILE,
    question_id: "quick_buck",
    condition: "none",
    variant: "",
    sample_index: 0,
    aligned: 10,
    coherent: 80,
    judge_logprobs: { aligned: [{ token: "10", logprob: Math.log(0.9) }, { token: "CODE", logprob: Math.log(0.05) }, { token: "5", logprob: Math.log(0.05) }] },
  });
  const response = await request.post("/api/v1/imports", {
    multipart: {
      file: { name: `${run}.jsonl`, mimeType: "application/x-ndjson", buffer: Buffer.from(lines.join("\n") + "\n") },
      run,
      baseModel: "e2e/containment-model",
    },
  });
  if (response.status() !== 201) throw new Error(`fixture import failed: ${response.status()} ${await response.text()}`);
  return response.json();
}
