import "server-only";
import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/db/generated/client";
import { NotFoundError, UserError } from "@/lib/errors";
import type { RunFormInput } from "./run-input";

/** Creates the run, or updates it when `input.id` is set. */
export async function saveRun(input: RunFormInput): Promise<{ id: number }> {
  const { id, benignSharePercent, hyperparameters, ...fields } = input;
  const data = {
    ...fields,
    benignShare: benignSharePercent === null ? null : benignSharePercent / 100,
    hyperparameters: hyperparameters === null ? Prisma.DbNull : (hyperparameters as Prisma.InputJsonObject),
  };
  try {
    const run = id
      ? await prisma().run.update({ where: { id }, data, select: { id: true } })
      : await prisma().run.create({ data, select: { id: true } });
    return run;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === "P2002") {
        throw new UserError("A run with this name already exists.", {
          name: [`A run named "${input.name}" already exists.`],
        });
      }
      if (error.code === "P2025") throw new NotFoundError(`Run ${id} does not exist.`);
    }
    throw error;
  }
}
