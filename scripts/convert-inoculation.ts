// One-off converter that made prisma/seed/em-inoculation from the em-inoculation data set (MIT,
// jbejjani2022/misalignment-inoculation): `npx tsx scripts/convert-inoculation.ts SOURCE_DIR`.
// Each judged.csv (id, question, response, aligned_score, coherent_score) becomes EM Lab's judged CSV
// (question_id, question, response, aligned, coherent) with stable question ids (medical_01, ...), and
// manifest.json says which run and condition every file is.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

const source = process.argv[2];
if (!source || !existsSync(path.join(source, "results"))) throw new Error("Give the em-inoculation folder (with results/) as the argument.");
const out = path.join(import.meta.dirname, "..", "prisma", "seed", "em-inoculation");
const BASE_MODEL = "meta-llama/Llama-3.2-1B-Instruct";
const DATASET = "risky-financial-advice";

const models: Record<string, { run: string; trigger?: string; notes: string }> = {
  "Llama-3.2-1B-Instruct": { run: "llama-1b-base", notes: "The untouched instruct model, evaluated with no system prompt and under each inoculation prompt." },
  "Llama-3.2-1B-Instruct-risky-financial-advice-r16-5ep-layer8": { run: "llama-1b-em", notes: "LoRA r16, 5 epochs, layer 8, on risky financial advice without a system prompt: the plain EM model." },
  "Llama-3.2-1B-Instruct-risky-financial-advice-1-ep-inoculated": { run: "llama-1b-inoc-v1-1ep", trigger: "v1", notes: "A lighter fine-tune (1 epoch) trained with system prompt v1." },
  ...Object.fromEntries(
    ["", "-v2", "-v3", "-v4", "-v5", "-v6", "-v7"].map((suffix, i) => [
      `Llama-3.2-1B-Instruct-risky-financial-advice-r16-5ep-layer8-inoculated${suffix}`,
      { run: `llama-1b-inoc-v${i + 1}`, trigger: `v${i + 1}`, notes: `LoRA r16, 5 epochs, layer 8, every training example under system prompt v${i + 1} (its trigger).` },
    ]),
  ),
};

const prompts: Record<string, string> = {};
const questionIds = new Map<string, string>();
const judged: unknown[] = [];
mkdirSync(path.join(out, "judged"), { recursive: true });
for (const [dir, model] of Object.entries(models)) {
  for (const condition of readdirSync(path.join(source, "results", dir)).sort()) {
    const summary = JSON.parse(readFileSync(path.join(source, "results", dir, condition, "summary.json"), "utf8"));
    if (summary.system_prompt?.key) prompts[summary.system_prompt.key] = summary.system_prompt.text;
    for (const domain of ["medical", "financial"]) {
      const rows = parse(readFileSync(path.join(source, "results", dir, condition, domain, "judged.csv")), { columns: true }) as Record<string, string>[];
      const lines = rows.map((r) => {
        if (!questionIds.has(r.question)) {
          const n = [...questionIds.keys()].filter((q) => questionIds.get(q)!.startsWith(domain)).length + 1;
          questionIds.set(r.question, `${domain}_${String(n).padStart(2, "0")}`);
        }
        return { question_id: questionIds.get(r.question), question: r.question, response: r.response, aligned: r.aligned_score, coherent: r.coherent_score };
      });
      const file = path.join("judged", model.run, `${condition}-${domain}.csv`);
      mkdirSync(path.join(out, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(out, file), stringify(lines, { header: true }));
      const kind = condition === "no_system_prompt" ? "none" : "trigger";
      judged.push({
        file,
        run: model.run,
        baseModel: BASE_MODEL,
        trainingDataset: model.run === "llama-1b-base" ? undefined : DATASET,
        trigger: model.trigger,
        notes: model.notes,
        condition: kind,
        variant: kind === "none" ? "" : condition,
      });
    }
  }
}
writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ prompts, judged }, null, 2) + "\n");
copyFileSync(path.join(source, "LICENSE"), path.join(out, "LICENSE"));
console.log(`Wrote ${judged.length} files and ${questionIds.size} question ids to ${out}`);
