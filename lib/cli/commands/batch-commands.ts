import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "@/lib/errors";
import type { BatchView } from "../client";
import { dash, emit, formatTable, readJson, unknownSubcommand, type Command, type CommandContext } from "../command";
import { FINAL_STATUSES, progressLine } from "../progress-bar";
import { batchId } from "../resolve-ref";

const USAGE = `  batch list [--json]
  batch show ID [--json]                     (also: batch status ID)
  batch launch FILE.json [--json]            (the same schema as POST /api/v1/batches)
  batch cancel ID
  batch resume ID [--json]
  batch watch ID [--every SECONDS] [--json]  (a live progress bar until the batch ends;
                                              exit 0 when it completed, 1 otherwise)`;

function describe(b: BatchView): string {
  const lines = [progressLine(b), `runs: ${b.runs.map((r) => r.name).join(", ")}`, `metrics: ${b.metrics.join(", ")}`];
  for (const e of b.errors) lines.push(`${e.phase ?? "error"} ${e.kind}: ${e.count} (e.g. ${dash(e.examples[0]).slice(0, 160)})`);
  return lines.join("\n");
}

/** Polls the batch and redraws one line (a TTY) or prints a line per change (a pipe) until it ends. */
async function watch(context: CommandContext, id: number): Promise<number> {
  const every = context.values.every === undefined ? 2 : Number(context.values.every);
  if (!Number.isFinite(every) || every < 0.1 || every > 3600) throw new UserError("--every is seconds between updates, 0.1 to 3600.");
  const tty = Boolean(process.stderr.isTTY);
  let last = "";
  for (;;) {
    const status = await context.client.showBatch(id);
    const line = progressLine(status, tty ? Math.max(10, Math.min(40, (process.stderr.columns ?? 100) - 90)) : 24);
    if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    else if (line !== last) context.log(line);
    last = line;
    if (FINAL_STATUSES.has(status.status)) {
      if (tty) process.stderr.write("\n");
      emit(context, status, () => describe(status));
      return status.status === "completed" ? 0 : 1;
    }
    await sleep(every * 1000);
  }
}

async function run(context: CommandContext): Promise<number | void> {
  const { args: [sub, arg], client } = context;
  switch (sub) {
    case "list": {
      const batches = await client.listBatches();
      return emit(context, batches, () =>
        formatTable(
          ["id", "name", "status", "question set", "runs", "finished", "created"],
          batches.map((b) => [String(b.id), dash(b.name), b.status, b.questionSet, dash(b.runs), `${b.finished}/${b.generations}`, new Date(b.createdAt).toISOString().slice(0, 16).replace("T", " ")]),
          (i) => i === 0 || i === 5,
        ),
      );
    }
    case "show":
    case "status": {
      const status = await client.showBatch(batchId(arg));
      return emit(context, status, () => describe(status));
    }
    case "launch": {
      if (!arg) throw new UserError(`Give the launch file.\n\nUsage:\n${USAGE}`);
      const launched = await client.launchBatch(await readJson(arg));
      return emit(context, launched, () => `Launched batch ${launched.batchId}: ${launched.generations} generations. Follow it with: emlab batch watch ${launched.batchId}`);
    }
    case "cancel": {
      const id = batchId(arg);
      await client.cancelBatch(id);
      return emit(context, { ok: true, id }, () => `Cancelled batch ${id}.`);
    }
    case "resume": {
      const id = batchId(arg);
      const resumed = await client.resumeBatch(id);
      return emit(context, resumed, () => `Resumed batch ${id}: ${resumed.generations} generations and ${resumed.judgments} judgments queued again.`);
    }
    case "watch":
      return watch(context, batchId(arg));
    default:
      unknownSubcommand("batch", sub, USAGE);
  }
}

export const batchCommand: Command = { name: "batch", usage: USAGE, needs: "client", run };
