import { UserError } from "@/lib/errors";
import type { RunView } from "../client";
import { dash, emit, formatTable, unknownSubcommand, type Command, type CommandContext } from "../command";
import type { Values } from "../options";
import { resolveRef } from "../resolve-ref";

const USAGE = `  run list [--json]
  run show RUN [--json]                      (RUN: an id or a name)
  run create --name NAME --base-model MODEL [--training-dataset NAME] [--benign-share 0-1]
             [--trigger TEXT] [--seed N] [--hyperparameters JSON] [--checkpoint TEXT]
             [--notes TEXT] [--endpoint ENDPOINT] [--json]
  run edit RUN [the same options; an empty value clears a field] [--json]
  run attach RUN ENDPOINT|none [--json]      (the endpoint that serves the run)`;

/** A number option as a number; anything else is passed on for the schema to refuse by name. */
function numberOf(value: string): number | string {
  return value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
}

/** The run fields given on the command line, as the JSON the API takes; "" means null (cleared). */
export function runFields(v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: string | undefined, convert: (s: string) => unknown = (s) => s) => {
    if (value !== undefined) out[key] = value === "" ? null : convert(value);
  };
  set("name", v.name);
  set("baseModel", v["base-model"]);
  set("trainingDataset", v["training-dataset"]);
  set("benignShare", v["benign-share"], numberOf);
  set("trainingTrigger", v.trigger);
  set("seed", v.seed, numberOf);
  set("hyperparameters", v.hyperparameters, (text) => {
    try {
      return JSON.parse(text);
    } catch {
      throw new UserError(`--hyperparameters must be a JSON object, e.g. '{"lr": 1e-5, "epochs": 1}'.`);
    }
  });
  set("checkpoint", v.checkpoint);
  set("notes", v.notes);
  set("endpoint", v.endpoint, (s) => (/^\d+$/.test(s) ? Number(s) : s));
  return out;
}

function describeRun(run: RunView): string {
  const rows: [string, unknown][] = [
    ["id", run.id],
    ["name", run.name],
    ["base model", run.baseModel],
    ["training dataset", run.trainingDataset],
    ["benign share", run.benignShare === null ? null : `${(run.benignShare * 100).toFixed(1)}%`],
    ["trigger", run.trainingTrigger],
    ["seed", run.seed],
    ["hyperparameters", run.hyperparameters === null ? null : JSON.stringify(run.hyperparameters)],
    ["checkpoint", run.checkpoint],
    ["endpoint", run.endpoint],
    ["notes", run.notes],
  ];
  return rows.map(([k, v]) => `${k.padEnd(17)}${dash(v)}`).join("\n");
}

async function run(context: CommandContext): Promise<void> {
  const { args: [sub, ref, extra], values, client } = context;
  switch (sub) {
    case "list": {
      const runs = await client.listRuns();
      return emit(context, runs, () =>
        formatTable(
          ["id", "name", "base model", "trigger", "benign", "seed", "generations"],
          runs.map((r) => [String(r.id), r.name, r.baseModel, dash(r.trainingTrigger), r.benignShare === null ? "-" : `${Math.round(r.benignShare * 100)}%`, dash(r.seed), String(r.generations)]),
          (i) => i === 0 || i >= 4,
        ),
      );
    }
    case "show": {
      const shown = await client.showRun(await resolveRef(client, "run", ref));
      return emit(context, shown, () => describeRun(shown));
    }
    case "create": {
      const created = await client.createRun(runFields(values));
      return emit(context, created, () => `Created run ${created.id} (${created.name}).\n${describeRun(created)}`);
    }
    case "edit": {
      const fields = runFields(values);
      if (!Object.keys(fields).length) throw new UserError(`Give at least one field to change.\n\nUsage:\n${USAGE}`);
      const updated = await client.updateRun(await resolveRef(client, "run", ref), fields);
      return emit(context, updated, () => `Saved run ${updated.id}.\n${describeRun(updated)}`);
    }
    case "attach": {
      if (extra === undefined) throw new UserError(`Give the run and the endpoint (or none).\n\nUsage:\n${USAGE}`);
      const endpoint = extra === "none" ? null : /^\d+$/.test(extra) ? Number(extra) : extra;
      const updated = await client.attachEndpoint(await resolveRef(client, "run", ref), endpoint);
      return emit(context, updated, () => (updated.endpoint ? `Run ${updated.name} is served by endpoint ${updated.endpoint}.` : `Run ${updated.name} has no endpoint now.`));
    }
    default:
      unknownSubcommand("run", sub, USAGE);
  }
}

export const runCommand: Command = { name: "run", usage: USAGE, needs: "client", run };
