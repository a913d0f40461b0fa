import { route } from "@/lib/guard";
import { emCells } from "@/lib/server/em/em-cells";
import { emQuerySchema } from "@/lib/server/em/em-query";
import { searchParamsObject } from "@/lib/search-params";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const query = emQuerySchema.parse(searchParamsObject(new URL(request.url).searchParams));
  return emCells(query);
}, "viewer");
