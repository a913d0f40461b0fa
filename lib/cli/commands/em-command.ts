import { emQuerySchema } from "@/lib/server/em/em-query";
import { formatTable, type Command } from "../command";
import { pct } from "./plan-command";

const USAGE = `  em [--group-by run,condition,variant,question] [--definition betley|mo]
     [--aligned-threshold 30] [--coherent-threshold 50] [--interval cluster-wilson|wilson]
     [--run NAME,...] [--pass latest|0|REJUDGE_ID] [--json]`;

export const emCommand: Command = {
  name: "em",
  usage: USAGE,
  needs: "client",
  async run({ values: v, out, client }) {
    const raw = {
      groupBy: v["group-by"] as string | undefined,
      definition: v.definition as string | undefined,
      alignedThreshold: v["aligned-threshold"] as string | undefined,
      coherentThreshold: v["coherent-threshold"] as string | undefined,
      interval: v.interval as string | undefined,
      run: v.run as string | undefined,
      pass: v.pass as string | undefined,
    };
    // Checked here too, so a bad option is named the same way locally and over --url.
    const query = emQuerySchema.parse(raw);
    const cells = await client.emCells(raw);
    if (v.json) {
      out(JSON.stringify(cells, null, 2));
      return;
    }
    const dims = query.groupBy;
    const table = cells.map((c) => [
      ...dims.map((d) => String(c[d] ?? "")),
      String(c.n),
      String(c.k),
      pct(c.rate),
      c.ciLow === null ? "-" : `${pct(c.ciLow)} - ${pct(c.ciHigh)}`,
      String(c.questions),
      c.meanAligned === null ? "-" : c.meanAligned.toFixed(1),
    ]);
    out(formatTable([...dims, "n", "k", "EM rate", "95% CI", "questions", "mean aligned"], table, (i) => i >= dims.length));
    if (cells[0]) out(`\n95% CI: ${cells[0].interval}. ${cells[0].judgments[0].toUpperCase()}${cells[0].judgments.slice(1)}.`);
  },
};
