import "server-only";
import { prisma } from "@/lib/db/prisma";

export async function listImports(limit = 50) {
  return prisma().import.findMany({
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, fileName: true, format: true, rowCount: true, createdAt: true, run: { select: { id: true, name: true } } },
  });
}

export async function listQuestionSets() {
  return prisma().questionSet.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, source: true, createdAt: true, _count: { select: { questions: true } } },
  });
}

/** Question sets with their number of questions (REST and CLI). */
export async function questionSetList() {
  return (await listQuestionSets()).map(({ _count, ...set }) => ({ ...set, questions: _count.questions }));
}
