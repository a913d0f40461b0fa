import "server-only";
import { prisma } from "@/lib/db/prisma";

export async function getQuestionSet(id: number) {
  return prisma().questionSet.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      source: true,
      createdAt: true,
      questions: {
        orderBy: { position: "asc" },
        select: { id: true, key: true, type: true, paraphrases: true, system: true, samplesPerParaphrase: true, judgeModel: true, judgePrompts: true },
      },
    },
  });
}
