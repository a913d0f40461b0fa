import "server-only";
import { prisma } from "@/lib/db/prisma";

export interface RunRow {
  id: number;
  name: string;
  baseModel: string;
  trainingDataset: string | null;
  benignShare: number | null;
  trainingTrigger: string | null;
  seed: number | null;
  generations: number;
  updatedAt: Date;
}

export async function listRuns(): Promise<RunRow[]> {
  const runs = await prisma().run.findMany({
    orderBy: [{ baseModel: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      baseModel: true,
      trainingDataset: true,
      benignShare: true,
      trainingTrigger: true,
      seed: true,
      updatedAt: true,
      _count: { select: { generations: true } },
    },
  });
  return runs.map(({ _count, ...run }) => ({ ...run, generations: _count.generations }));
}
