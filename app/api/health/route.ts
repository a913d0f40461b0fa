import { NextResponse } from "next/server";
import { healthResponseSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { databaseHealth } from "@/lib/server/health/database-health";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "health",
    public: true,
    summary: "Database reachability, version and pending migrations",
    description: "503 when the database is down.",
    response: { schema: healthResponseSchema },
    examples: { response: { status: "ok", database: { reachable: true, kind: "embedded", serverVersion: "17.6", latencyMs: 2.1, pendingMigrations: [], runs: 12 }, workers: 1 } },
  },
  async () => {
    const health = await databaseHealth();
    return NextResponse.json(health, { status: health.status === "down" ? 503 : 200 });
  },
);
