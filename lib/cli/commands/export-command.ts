import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { exportFilterSchema } from "@/lib/server/exports/export-filter";
import { exportGenerations } from "@/lib/server/exports/export-generations";
import type { Command } from "../command";

const USAGE = `  export [--format jsonl|csv] [--run NAME,...] [--condition KIND] [--variant LABEL]
         [--question ID,...] [--pass latest|0|REJUDGE_ID] [--out FILE]`;

export const exportCommand: Command = {
  name: "export",
  usage: USAGE,
  needs: "database",
  async run({ values: v, log }) {
    const filter = exportFilterSchema.parse({ format: v.format, runName: v.run, condition: v.condition, variant: v.variant, question: v.question, pass: v.pass });
    const out = v.out ? createWriteStream(v.out) : process.stdout;
    for await (const chunk of exportGenerations(filter)) {
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (v.out) {
      (out as ReturnType<typeof createWriteStream>).end();
      await once(out, "finish");
      log(`Wrote ${v.out}`);
    }
  },
};
