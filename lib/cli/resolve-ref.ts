import { UserError } from "@/lib/errors";
import type { EmlabClient } from "./client";

type Kind = "run" | "endpoint" | "question set";

const lists: Record<Kind, (client: EmlabClient) => Promise<{ id: number; name: string | null }[]>> = {
  run: (c) => c.listRuns(),
  endpoint: (c) => c.listEndpoints(),
  "question set": (c) => c.listQuestionSets(),
};

/** An id given as a number or a name: the id itself, or the one object with that name. */
export async function resolveRef(client: EmlabClient, kind: Kind, ref: string | undefined): Promise<number> {
  if (!ref) throw new UserError(`Give the ${kind}'s id or name.`);
  if (/^\d+$/.test(ref)) return Number(ref);
  const match = (await lists[kind](client)).find((item) => item.name === ref);
  if (!match) throw new UserError(`No ${kind} is named "${ref.slice(0, 200)}".`, {}, 404);
  return match.id;
}

/** A batch is named by its id only. */
export function batchId(ref: string | undefined): number {
  if (!ref || !/^\d+$/.test(ref)) throw new UserError("Give the batch's id (a number).");
  return Number(ref);
}
