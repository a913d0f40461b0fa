import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { getGenerationAnswer } from "@/lib/server/generations/get-generation";

export const dynamic = "force-dynamic";

/** The whole answer of one generation as a text download (the detail page shows the start of long ones). */
export const GET = route(
  {
    tag: "generations",
    summary: "Download one generation's whole answer as text",
    params: idParamsSchema,
    response: { contentType: "text/plain", description: "The answer, as an attachment" },
    examples: { params: { id: 12 } },
  },
  async ({ params: { id } }) => {
    const answer = await getGenerationAnswer(id);
    if (answer === null) throw new NotFoundError(`Generation ${id} does not exist.`);
    return new Response(answer, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="generation-${id}-answer.txt"`,
        "x-content-type-options": "nosniff",
      },
    });
  },
);
