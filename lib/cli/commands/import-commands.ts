import { z } from "zod";
import { CONDITION_KINDS } from "@/lib/domain/condition-kind";
import { recordAudit } from "@/lib/auth/audit-log";
import { UserError } from "@/lib/errors";
import { importJudgedFile, isInspectLogName } from "@/lib/server/imports/import-judged-file";
import { importQuestionSet } from "@/lib/server/imports/import-question-set";
import { one, type Command, type CommandContext } from "../command";

const USAGE = `  import FILE.csv|.jsonl|.eval|.json --run NAME [--base-model MODEL] [--training-dataset NAME]
         [--condition none|trigger|rephrased] [--variant LABEL] [--question-set NAME]
         [--judge-model MODEL] [--replace] [--max-mb N]
                                  (.eval/.json: Inspect AI logs; --run defaults to the log's model)`;

async function runImport({ args, values: v, out, log }: CommandContext): Promise<void> {
  const filePath = one(args, "file to import", USAGE);
  if (!v.run && !isInspectLogName(filePath)) throw new UserError("--run NAME is required: the run these answers belong to.");
  const condition = v.condition === undefined ? undefined : z.enum(CONDITION_KINDS, `--condition is ${CONDITION_KINDS.join(", ")}`).parse(v.condition);
  const maxMb = v["max-mb"] === undefined ? undefined : z.coerce.number().positive("--max-mb must be a positive number").parse(v["max-mb"]);
  let last = 0;
  const summary = await importJudgedFile({
    filePath,
    run: { name: v.run ?? "", baseModel: v["base-model"], trainingDataset: v["training-dataset"] },
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
  await recordAudit("import.create", { type: "Import", id: summary.importId }, { file: summary.fileName, run: summary.run.name, rows: summary.rows });
  out(JSON.stringify(summary, null, 2));
}

export const importCommand: Command = { name: "import", usage: USAGE, needs: "database", run: runImport };

const QUESTIONS_USAGE = "  import-questions FILE.yaml [--name NAME] [--replace]";

export const importQuestionsCommand: Command = {
  name: "import-questions",
  usage: QUESTIONS_USAGE,
  needs: "database",
  async run({ args, values, out }) {
    const summary = await importQuestionSet({ filePath: one(args, "YAML file", QUESTIONS_USAGE), name: values.name, replace: values.replace });
    await recordAudit("import.create", { type: "QuestionSet", id: summary.questionSetId }, { name: summary.name, questions: summary.questions });
    out(JSON.stringify(summary, null, 2));
  },
};
