import { z } from "zod";
import { apiDocument } from "@/lib/api/api-document";
import { route } from "@/lib/guard";
import { apiRoutes } from "../route-table";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "meta",
    summary: "This API's OpenAPI 3.1 document",
    description: "Generated from the zod schemas the routes parse with. A readable version is the app's API page (/api-docs).",
    response: { schema: z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }) },
    examples: { response: { openapi: "3.1.0", info: { title: "EM Lab API", version: "0.1.0" }, paths: {} } },
  },
  async () => apiDocument(apiRoutes),
);
