import "server-only";
import { prisma } from "@/lib/db/prisma";

export async function getRun(id: number) {
  return prisma().run.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      baseModel: true,
      trainingDataset: true,
      benignShare: true,
      trainingTrigger: true,
      seed: true,
      hyperparameters: true,
      checkpoint: true,
      notes: true,
      endpointId: true,
    },
  });
}

export type RunDetail = NonNullable<Awaited<ReturnType<typeof getRun>>>;
