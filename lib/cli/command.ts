import { readFile } from "node:fs/promises";
import { UserError } from "@/lib/errors";
import { describeJsonError } from "@/lib/json-error";
import type { EmlabClient } from "./client";
import type { Values } from "./options";

export interface CommandContext {
  /** Positionals after the command's name (`run show 3` -> ["show", "3"]). */
  args: string[];
  values: Values;
  /** Local (the database) or remote (--url); only for commands that declare `needs: "client"`. */
  client: EmlabClient;
  /** Standard output (results) and standard error (progress, notes). */
  out: (text: string) => void;
  log: (text: string) => void;
}

export interface Command {
  name: string;
  /** Lines for the usage text. */
  usage: string;
  /** client: works on the database and over --url; database: on the database only; nothing: neither. */
  needs: "client" | "database" | "nothing";
  run(context: CommandContext): Promise<number | void>;
}

export function one(positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1) throw new UserError(`Give exactly one ${what}.\n\nUsage:\n${usage}`);
  return positionals[0];
}

export function unknownSubcommand(command: string, sub: string | undefined, usage: string): never {
  throw new UserError(`Unknown ${command} command "${sub ?? ""}".\n\nUsage:\n${usage}`);
}

/** A JSON file (launch, re-judge), with the file and position named when it does not parse. */
export async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8").catch((error: Error) => {
    throw new UserError(`${file}: ${error.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: ${describeJsonError(text, error)}.`);
  }
}

/** Prints JSON for scripts (--json), otherwise the readable form. */
export function emit(context: CommandContext, value: unknown, readable: () => string): void {
  context.out(context.values.json ? JSON.stringify(value, null, 2) : readable());
}

/** Columns padded to their widest cell; `right` names the columns aligned right (numbers). */
export function formatTable(head: string[], rows: string[][], right: (column: number) => boolean = () => false): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

export const dash = (value: unknown): string => (value === null || value === undefined || value === "" ? "-" : String(value));
