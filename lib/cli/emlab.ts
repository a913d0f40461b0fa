// `npm run emlab -- <command>`: runs, endpoints, question sets and batches (on the database, or on
// a running instance with --url), plus imports, EM rates, exports and re-judging on the database.
// The database is DATABASE_URL when set, otherwise the embedded one (attached to when running,
// started for the duration of the command otherwise). Commands live in lib/cli/commands/.
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { pgPool } from "@/lib/db/pg-pool";
import { migrationsDir } from "@/lib/db/project-paths";
import { UserError } from "@/lib/errors";
import type { EmlabClient } from "./client";
import type { Command, CommandContext } from "./command";
import { batchCommand } from "./commands/batch-commands";
import { emCommand } from "./commands/em-command";
import { endpointCommand } from "./commands/endpoint-commands";
import { exportCommand } from "./commands/export-command";
import { importCommand, importQuestionsCommand } from "./commands/import-commands";
import { planCommand } from "./commands/plan-command";
import { questionSetCommand } from "./commands/question-set-commands";
import { rejudgeCommand } from "./commands/rejudge-commands";
import { runCommand } from "./commands/run-commands";
import { httpClient } from "./http-client";
import { localClient } from "./local-client";
import { options } from "./options";
import { tokenCommand, userCommand } from "./user-commands";

const COMMANDS: Command[] = [
  runCommand,
  endpointCommand,
  questionSetCommand,
  batchCommand,
  importCommand,
  importQuestionsCommand,
  emCommand,
  planCommand,
  rejudgeCommand,
  exportCommand,
  userCommand,
  tokenCommand,
];

const USAGE = `Usage: npm run -s emlab -- <command> [options]

${COMMANDS.map((c) => c.usage).join("\n")}

Remote: --url URL (or EMLAB_URL) sends the run, endpoint, question-set, batch and em commands to a
running EM Lab over its REST API, with EMLAB_TOKEN (when set) as a bearer token. Without it,
every command works on the database (DATABASE_URL, or the embedded one).`;

const unusable = (): never => {
  throw new Error("This command does not use a client.");
};
const noClient = new Proxy({} as EmlabClient, { get: unusable });

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options, allowPositionals: true, strict: true });
  const [name, ...args] = positionals;
  if (values.help || !name) {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UserError(`Unknown command "${name}".\n\n${USAGE}`);
  const context: Omit<CommandContext, "client"> = { args, values, out: (text) => console.log(text), log: (text) => console.error(text) };
  const url = values.url ?? process.env.EMLAB_URL;

  if (command.needs === "nothing") return (await command.run({ ...context, client: noClient })) ?? 0;
  if (url) {
    if (command.needs === "database") throw new UserError(`"${name}" works on the database only; run it without --url${values.url ? "" : " (EMLAB_URL is set)"}.`);
    return (await command.run({ ...context, client: httpClient(url, process.env.EMLAB_TOKEN) })) ?? 0;
  }

  const database = await openDatabase();
  let client: EmlabClient | null = null;
  try {
    await migrate(database.url, migrationsDir);
    process.env.DATABASE_URL = database.url;
    client = command.needs === "client" ? localClient(database.url, database.description) : noClient;
    return (await command.run({ ...context, client })) ?? 0;
  } finally {
    if (client && client !== noClient) await client.close().catch(() => {});
    if (process.env.DATABASE_URL) await pgPool().end().catch(() => {});
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof z.ZodError) console.error(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
    else if (error instanceof UserError) console.error([error.message, ...Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`)].join("\n"));
    else if ((error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") console.error(`${(error as Error).message}\n\n${USAGE}`);
    else console.error(error);
    process.exit(error instanceof UserError || error instanceof z.ZodError ? 1 : 2);
  },
);
