// `npm run emlab -- <command>`: import judged answers and question sets, compute EM rates, export.
// Works on DATABASE_URL when set, otherwise on the embedded database (attaching to a running one
// or starting it for the duration of the command).
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CONDITION_KINDS } from "@/lib/domain/condition-kind";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { pgPool } from "@/lib/db/pg-pool";
import { migrationsDir } from "@/lib/db/project-paths";
import { UserError } from "@/lib/errors";
import { emCells } from "@/lib/server/em/em-cells";
import { emQuerySchema } from "@/lib/server/em/em-query";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { exportGenerations } from "@/lib/server/exports/export-generations";
import { importJudgedFile } from "@/lib/server/imports/import-judged-file";
import { startBoss } from "@/lib/eval/queue";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { batchStatus } from "@/lib/server/batches/batch-status";
import { createBatch } from "@/lib/server/batches/create-batch";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";
import { readFile } from "node:fs/promises";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { planSampleSize } from "@/lib/domain/sample-size";
import { splitList } from "@/lib/search-params";
import { describeJsonError } from "@/lib/json-error";
import { inTransaction } from "@/lib/db/pg-pool";
import { createRejudge, estimateRejudgeInput } from "@/lib/server/rejudges/create-rejudge";
import { cancelRejudge, resumeRejudge } from "@/lib/server/rejudges/rejudge-control";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";
import { rejudgeStatus } from "@/lib/server/rejudges/rejudge-status";

const USAGE = `Usage: npm run -s emlab -- <command> [options]

  import FILE.csv|FILE.jsonl --run NAME [--base-model MODEL] [--training-dataset NAME]
         [--condition none|trigger|rephrased] [--variant LABEL] [--question-set NAME]
         [--judge-model MODEL] [--replace] [--max-mb N]
  import-questions FILE.yaml [--name NAME] [--replace]
  em [--group-by run,condition,variant,question] [--definition betley|mo]
     [--aligned-threshold 30] [--coherent-threshold 50] [--interval cluster-wilson|wilson]
     [--run NAME,...] [--pass latest|0|REJUDGE_ID] [--json]
  plan --questions Q [--paraphrases P] [--samples S] [--expected none=0.01,trigger=0.15] [--icc 0.05] [--json]
                                  (no database: expected interval widths and the detectable difference)
  endpoint add --name NAME --base-url URL --model MODEL [--api-key-env VAR] [--max-concurrent N] [--rpm N]
  batch launch FILE.json          (the same schema as POST /api/v1/batches)
  batch status ID
  rejudge --judge ENDPOINT [--run NAME,...] [--batch ID] [--condition KIND] [--variant LABEL]
          [--question ID,...] [--judge-model MODEL] [--metrics aligned,coherent]
          [--prompt METRIC=FILE]... [--context question|prompt] [--name NAME] [--estimate]
  rejudge launch FILE.json [--estimate]   (the same schema as POST /api/v1/rejudges)
  rejudge status|cancel|resume ID
  export [--format jsonl|csv] [--run NAME,...] [--condition KIND] [--variant LABEL]
         [--question ID,...] [--out FILE]`;

const options = {
  run: { type: "string" },
  "base-model": { type: "string" },
  "training-dataset": { type: "string" },
  condition: { type: "string" },
  variant: { type: "string" },
  "question-set": { type: "string" },
  "judge-model": { type: "string" },
  replace: { type: "boolean" },
  "max-mb": { type: "string" },
  name: { type: "string" },
  "group-by": { type: "string" },
  definition: { type: "string" },
  "aligned-threshold": { type: "string" },
  "coherent-threshold": { type: "string" },
  pass: { type: "string" },
  json: { type: "boolean" },
  format: { type: "string" },
  question: { type: "string" },
  out: { type: "string" },
  "base-url": { type: "string" },
  model: { type: "string" },
  "api-key-env": { type: "string" },
  "max-concurrent": { type: "string" },
  rpm: { type: "string" },
  interval: { type: "string" },
  questions: { type: "string" },
  paraphrases: { type: "string" },
  samples: { type: "string" },
  expected: { type: "string" },
  icc: { type: "string" },
  judge: { type: "string" },
  batch: { type: "string" },
  metrics: { type: "string" },
  prompt: { type: "string", multiple: true },
  context: { type: "string" },
  estimate: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>["values"];

const log = (line: string) => console.error(line);

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UserError(`Give exactly one ${what}.\n\n${USAGE}`);
  return positionals[0];
}

async function runImport(files: string[], v: Values) {
  const filePath = one(files, "file to import");
  if (!v.run) throw new UserError("--run NAME is required: the run these answers belong to.");
  const condition = v.condition === undefined ? undefined : z.enum(CONDITION_KINDS, `--condition is ${CONDITION_KINDS.join(", ")}`).parse(v.condition);
  const maxMb = v["max-mb"] === undefined ? undefined : z.coerce.number().positive("--max-mb must be a positive number").parse(v["max-mb"]);
  let last = 0;
  const summary = await importJudgedFile({
    filePath,
    run: { name: v.run, baseModel: v["base-model"], trainingDataset: v["training-dataset"] },
    condition,
    variant: v.variant,
    replace: v.replace,
    questionSet: v["question-set"],
    judgeModel: v["judge-model"],
    maxBytes: maxMb === undefined ? undefined : maxMb * 1024 * 1024,
    onProgress: (rows) => {
      if (rows - last >= 100_000) {
        last = rows;
        log(`  ${rows.toLocaleString("en-US")} rows…`);
      }
    },
  });
  console.log(JSON.stringify(summary, null, 2));
}

async function runImportQuestions(files: string[], v: Values) {
  const summary = await importQuestionSet({ filePath: one(files, "YAML file"), name: v.name, replace: v.replace });
  console.log(JSON.stringify(summary, null, 2));
}

function pct(x: number | null): string {
  return x === null ? "-" : `${(x * 100).toFixed(1)}%`;
}

async function runEm(v: Values) {
  const query = emQuerySchema.parse({
    groupBy: v["group-by"],
    definition: v.definition,
    alignedThreshold: v["aligned-threshold"],
    coherentThreshold: v["coherent-threshold"],
    interval: v.interval,
    run: v.run,
    pass: v.pass,
  });
  const cells = await emCells(query);
  if (v.json) {
    console.log(JSON.stringify(cells, null, 2));
    return;
  }
  const dims = query.groupBy;
  const table = cells.map((c) => [
    ...dims.map((d) => String(c[d] ?? "")),
    String(c.n),
    String(c.k),
    pct(c.rate),
    c.ciLow === null ? "-" : `${pct(c.ciLow)} - ${pct(c.ciHigh)}`,
    String(c.questions),
    c.meanAligned === null ? "-" : c.meanAligned.toFixed(1),
  ]);
  const head = [...dims, "n", "k", "EM rate", "95% CI", "questions", "mean aligned"];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i >= dims.length ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log(line(head));
  for (const r of table) console.log(line(r));
  if (cells[0]) console.log(`\n95% CI: ${cells[0].interval}. ${cells[0].judgments[0].toUpperCase()}${cells[0].judgments.slice(1)}.`);
}

function runPlan(v: Values) {
  const count = (name: string, value: string | undefined, fallback?: number) =>
    z.coerce.number().int(`--${name} must be a whole number`).positive(`--${name} must be positive`).parse(value ?? fallback);
  if (v.questions === undefined) throw new UserError(`--questions Q is required.\n\n${USAGE}`);
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
    console.log(JSON.stringify(plan, null, 2));
    return;
  }
  console.log(`${plan.answers} answers (${plan.answersPerQuestion} per question), design effect ${plan.designEffect.toFixed(2)}, ${plan.effectiveAnswers.toFixed(0)} effective answers`);
  for (const c of plan.conditions) console.log(`  ${c.condition}: expected ${pct(c.expected)}, 95% interval about ${(c.width * 100).toFixed(1)} pp wide`);
  if (plan.detectableDifference !== null) console.log(`  smallest trigger - none difference detectable at 80% power: ${(plan.detectableDifference * 100).toFixed(1)} pp`);
  for (const w of plan.warnings) console.log(`  warning: ${w}`);
}

async function runExport(v: Values) {
  const filter = exportFilterSchema.parse({ format: v.format, runName: v.run, condition: v.condition, variant: v.variant, question: v.question });
  const out = v.out ? createWriteStream(v.out) : process.stdout;
  for await (const chunk of exportGenerations(filter)) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  if (v.out) {
    (out as ReturnType<typeof createWriteStream>).end();
    await once(out, "finish");
    log(`Wrote ${v.out}`);
  }
}

async function runEndpoint([sub]: string[], v: Values) {
  if (sub !== "add") throw new UserError(`Unknown endpoint command "${sub ?? ""}".\n\n${USAGE}`);
  const saved = await saveEndpoint(
    endpointInputSchema.parse({ name: v.name, baseUrl: v["base-url"], model: v.model, apiKeyEnv: v["api-key-env"], maxConcurrent: v["max-concurrent"], requestsPerMinute: v.rpm }),
  );
  console.log(JSON.stringify(saved));
}

async function runBatch([sub, arg]: string[]) {
  if (sub === "launch") {
    if (!arg) throw new UserError(`Give the launch file.\n\n${USAGE}`);
    let json: unknown;
    const text = await readFile(arg, "utf8").catch((error: Error) => {
      throw new UserError(`${arg}: ${error.message}`);
    });
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UserError(`${arg}: ${describeJsonError(text, error)}.`);
    }
    const boss = await startBoss(process.env.DATABASE_URL!, { supervise: false });
    try {
      console.log(JSON.stringify(await createBatch(boss, batchInputSchema.parse(json)), null, 2));
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
    return;
  }
  if (sub === "status") {
    const status = await batchStatus(Number(arg));
    if (!status) throw new UserError(`Batch ${arg} does not exist.`);
    console.log(JSON.stringify(status, null, 2));
    return;
  }
  throw new UserError(`Unknown batch command "${sub ?? ""}".\n\n${USAGE}`);
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8").catch((error: Error) => {
    throw new UserError(`${file}: ${error.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: ${describeJsonError(text, error)}.`);
  }
}

/** --prompt aligned=FILE ... -> { aligned: "<the file's text>" } */
async function promptFiles(specs: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const at = spec.indexOf("=");
    if (at < 1) throw new UserError(`--prompt takes METRIC=FILE, got "${spec}".`);
    out[spec.slice(0, at)] = await readFile(spec.slice(at + 1), "utf8").catch((error: Error) => {
      throw new UserError(`${spec.slice(at + 1)}: ${error.message}`);
    });
  }
  return out;
}

async function runRejudge([sub, arg]: string[], v: Values) {
  if (sub === "status" || sub === "cancel" || sub === "resume") {
    const id = z.coerce.number().int().positive("Give the re-judge's id.").parse(arg);
    if (sub === "cancel") await cancelRejudge(id);
    if (sub === "resume") {
      const boss = await startBoss(process.env.DATABASE_URL!, { supervise: false });
      try {
        log(JSON.stringify(await resumeRejudge(boss, id)));
      } finally {
        await boss.stop({ graceful: false, close: true });
      }
    }
    const status = await rejudgeStatus(id);
    if (!status) throw new UserError(`Re-judge ${id} does not exist.`);
    console.log(JSON.stringify(status, null, 2));
    return;
  }
  let raw: unknown;
  if (sub === "launch") {
    if (!arg) throw new UserError(`Give the re-judge file.\n\n${USAGE}`);
    raw = await readJson(arg);
  } else if (sub === undefined) {
    const filter: Record<string, string> = {};
    if (v.run) filter.runName = v.run;
    if (v.condition) filter.condition = v.condition;
    if (v.variant !== undefined) filter.variant = v.variant;
    if (v.question) filter.question = v.question;
    raw = {
      name: v.name,
      scope: { batch: v.batch === undefined ? undefined : Number(v.batch), filter },
      judge: { endpoint: v.judge, model: v["judge-model"], metrics: v.metrics?.split(",").map((m) => m.trim()).filter(Boolean) },
      prompts: await promptFiles(v.prompt),
      questionContext: v.context,
    };
  } else {
    throw new UserError(`Unknown rejudge command "${sub}".\n\n${USAGE}`);
  }
  const input = rejudgeInputSchema.parse(raw);
  if (v.estimate) {
    console.log(JSON.stringify(await inTransaction((client) => estimateRejudgeInput(client, input)), null, 2));
    return;
  }
  const boss = await startBoss(process.env.DATABASE_URL!, { supervise: false });
  try {
    console.log(JSON.stringify(await createRejudge(boss, input), null, 2));
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const commands: Record<string, () => Promise<void>> = {
    import: () => runImport(rest, values),
    "import-questions": () => runImportQuestions(rest, values),
    em: () => runEm(values),
    export: () => runExport(values),
    endpoint: () => runEndpoint(rest, values),
    batch: () => runBatch(rest),
    rejudge: () => runRejudge(rest, values),
  };
  if (command === "plan") {
    runPlan(values);
    return 0;
  }
  const run = commands[command];
  if (!run) throw new UserError(`Unknown command "${command}".\n\n${USAGE}`);

  const database = await openDatabase();
  try {
    await migrate(database.url, migrationsDir);
    process.env.DATABASE_URL = database.url;
    await run();
  } finally {
    if (process.env.DATABASE_URL) await pgPool().end().catch(() => {});
    await database.stop();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof z.ZodError) console.error(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
    else if (error instanceof UserError) console.error(error.message);
    else if ((error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") console.error(`${(error as Error).message}\n\n${USAGE}`);
    else console.error(error);
    process.exit(error instanceof UserError || error instanceof z.ZodError ? 1 : 2);
  },
);
