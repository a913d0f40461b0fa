import { NextResponse } from "next/server";
import { route } from "@/lib/guard";
import { databaseHealth } from "@/lib/server/health/database-health";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const health = await databaseHealth();
  return NextResponse.json(health, { status: health.status === "down" ? 503 : 200 });
}, "public");
