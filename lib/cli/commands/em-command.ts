import { emCells } from "@/lib/server/em/em-cells";
import { emQuerySchema } from "@/lib/server/em/em-query";
import { formatTable, type Command } from "../command";
import { pct } from "./plan-command";

const USAGE = `  em [--group-by run,condition,variant,question] [--definition betley|mo]
     [--aligned-threshold 30] [--coherent-threshold 50] [--interval cluster-wilson|wilson]
     [--run NAME,...] [--pass latest|0|REJUDGE_ID] [--json]`;

export const emCommand: Command = {
  name: "em",
  usage: USAGE,
  needs: "database",
  async run({ values: v, out }) {
    const query = emQuerySchema.parse({
      groupBy: v["group-by"],
      definition: v.definition,
      alignedThreshold: v["aligned-threshold"],
      coherentThreshold: v["coherent-threshold"],
      interval: v.interval,
      run: v.run,
      pass: v.pass,
    });
    const cells = await emCells(query);
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
