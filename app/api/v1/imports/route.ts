import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { route } from "@/lib/guard";
import { importUpload } from "@/lib/server/imports/import-upload";

export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  const result = await importUpload(request);
  revalidatePath("/", "layout");
  return NextResponse.json(result, { status: 201 });
}, "researcher");
