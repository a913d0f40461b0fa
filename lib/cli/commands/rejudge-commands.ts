import { readFile } from "node:fs/promises";
import { z } from "zod";
import { inTransaction } from "@/lib/db/pg-pool";
import { UserError } from "@/lib/errors";
import { startBoss } from "@/lib/eval/queue";
import { createRejudge, estimateRejudgeInput } from "@/lib/server/rejudges/create-rejudge";
import { cancelRejudge, resumeRejudge } from "@/lib/server/rejudges/rejudge-control";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";
import { showRejudge } from "@/lib/server/rejudges/rejudge-status";
import { readJson, unknownSubcommand, type Command, type CommandContext } from "../command";

const USAGE = `  rejudge --judge ENDPOINT [--run NAME,...] [--batch ID] [--condition KIND] [--variant LABEL]
          [--question ID,...] [--judge-model MODEL] [--metrics aligned,coherent]
          [--prompt METRIC=FILE]... [--context question|prompt] [--name NAME] [--estimate]
  rejudge launch FILE.json [--estimate]   (the same schema as POST /api/v1/rejudges)
  rejudge status|cancel|resume ID`;

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

async function withBoss<T>(work: (boss: Awaited<ReturnType<typeof startBoss>>) => Promise<T>): Promise<T> {
  const boss = await startBoss(process.env.DATABASE_URL!, { supervise: false });
  try {
    return await work(boss);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

async function run({ args: [sub, arg], values: v, out, log }: CommandContext): Promise<void> {
  if (sub === "status" || sub === "cancel" || sub === "resume") {
    const id = z.coerce.number().int().positive("Give the re-judge's id.").parse(arg);
    if (sub === "cancel") await cancelRejudge(id);
    if (sub === "resume") log(JSON.stringify(await withBoss((boss) => resumeRejudge(boss, id))));
    out(JSON.stringify(await showRejudge(id), null, 2));
    return;
  }
  let raw: unknown;
  if (sub === "launch") {
    if (!arg) throw new UserError(`Give the re-judge file.\n\nUsage:\n${USAGE}`);
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
    unknownSubcommand("rejudge", sub, USAGE);
  }
  const input = rejudgeInputSchema.parse(raw);
  if (v.estimate) {
    out(JSON.stringify(await inTransaction((client) => estimateRejudgeInput(client, input)), null, 2));
    return;
  }
  out(JSON.stringify(await withBoss((boss) => createRejudge(boss, input)), null, 2));
}

export const rejudgeCommand: Command = { name: "rejudge", usage: USAGE, needs: "database", run };
