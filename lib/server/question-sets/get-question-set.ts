import "server-only";
import { prisma } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";

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

/** A question set, or a 404 for the REST API and the CLI. */
export async function showQuestionSet(id: number) {
  const set = await getQuestionSet(id);
  if (!set) throw new NotFoundError(`Question set ${id} does not exist.`);
  return set;
}
