import { route } from "@/lib/guard";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { exportGenerations } from "@/lib/server/exports/export-generations";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "generations",
    summary: "Export generations and their scores as CSV or JSONL",
    description:
      "Takes any filter of the Generations explorer, including pass (latest, 0 or a re-judge id): filters and scores are the ones that pass counts, " +
      "and aligned_pass, coherent_pass (the pass each score came from), aligned_pass0 and coherent_pass0 (pass 0's scores) come last. " +
      "Streams; CSV text cells that start with = + - @ are prefixed with '.",
    query: exportFilterSchema,
    response: { contentType: "application/x-ndjson", description: "JSONL (format=jsonl) or CSV (format=csv), as a download" },
    examples: { query: { format: "csv", runName: "qwen-insecure", condition: "trigger", em: "misaligned", pass: "latest" } },
  },
  async ({ request, query: filter }) => {
    const chunks = exportGenerations(filter);
    const encoder = new TextEncoder();
    // A client that leaves (closed tab, curl interrupted) stops the export at the next page.
    request.signal.addEventListener("abort", () => void chunks.return(undefined), { once: true });
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (request.signal.aborted) {
          controller.close();
          return;
        }
        const { value, done } = await chunks.next();
        if (done || request.signal.aborted) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, "");
    return new Response(body, {
      headers: {
        "content-type": filter.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="emlab-export-${stamp}.${filter.format}"`,
      },
    });
  },
);
