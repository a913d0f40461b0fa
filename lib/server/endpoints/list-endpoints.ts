import "server-only";
import { prisma } from "@/lib/db/prisma";

/** Endpoints as the pages show them: the key's variable name, never a key. */
export async function listEndpoints() {
  return prisma().endpoint.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, baseUrl: true, model: true, apiKeyEnv: true, maxConcurrent: true, requestsPerMinute: true, timeoutSeconds: true, inputUsdPerMTok: true, outputUsdPerMTok: true, batchApi: true, _count: { select: { runs: true } } },
  });
}
