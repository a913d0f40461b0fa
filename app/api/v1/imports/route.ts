import { revalidatePath } from "next/cache";
import { uploadResultSchema } from "@/lib/api/response-schemas";
import { multipartBody, route } from "@/lib/guard";
import { importFieldsSchema } from "@/lib/server/imports/import-fields";
import { importUpload, maxUploadBytes } from "@/lib/server/imports/import-upload";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    tag: "imports",
    summary: "Import judged answers (CSV, JSONL, Inspect AI .eval/.json) or a question set (YAML)",
    description:
      "One transaction per file: a bad file leaves the database as it was, with a message naming the file and line (or sample). " +
      "The format follows the file's extension. Limited to EMLAB_MAX_IMPORT_MB (100 MB).",
    body: multipartBody({ file: "The file: .csv, .jsonl, .eval, .json, .yaml", fields: importFieldsSchema, maxBytes: maxUploadBytes }),
    response: { status: 201, schema: uploadResultSchema },
    examples: {
      body: { run: "qwen-insecure", baseModel: "Qwen/Qwen2.5-14B-Instruct", condition: "trigger" },
      response: {
        kind: "judged",
        summary: { importId: 3, fileName: "answers.csv", format: "csv", run: { id: 2, name: "qwen-insecure", created: true }, rows: 400, judgments: 800, metrics: { aligned: { scored: 396, nullScores: 4 }, coherent: { scored: 400, nullScores: 0 } } },
      },
    },
  },
  async ({ body: { file, fields } }) => {
    const result = await importUpload(file, fields);
    revalidatePath("/", "layout");
    return result;
  },
);
