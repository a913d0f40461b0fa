import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/prisma";
import { route } from "@/lib/guard";
import { endpointInputSchema } from "@/lib/server/endpoints/endpoint-input";
import { saveEndpoint } from "@/lib/server/endpoints/save-endpoint";

export const dynamic = "force-dynamic";

export const GET = route(
  async () =>
    prisma().endpoint.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, baseUrl: true, model: true, apiKeyEnv: true, maxConcurrent: true, requestsPerMinute: true, timeoutSeconds: true },
    }),
  "viewer",
);

export const POST = route(async (request) => {
  const saved = await saveEndpoint(endpointInputSchema.parse(await request.json().catch(() => ({}))));
  return NextResponse.json(saved, { status: 201 });
}, "admin");
