import type pg from "pg";
import { DEFAULT_THRESHOLDS, EM_DEFINITIONS, emDefinition, emSqlPredicates } from "@/lib/domain/em-definitions";

/**
 * Recomputes the EmCell rows of the given runs from their finished generations, inside the caller's
 * transaction. A per-run advisory lock orders concurrent refreshes, and the INSERT's snapshot is
 * taken after it, so the last refresh to commit has seen every committed generation.
 */
export async function refreshEmCells(client: pg.ClientBase, runIds: number[]): Promise<void> {
  const ids = [...new Set(runIds)].sort((a, b) => a - b);
  if (!ids.length) return;
  for (const id of ids) await client.query(`SELECT pg_advisory_xact_lock(hashtext('emlab.em-cells'), $1)`, [id]);
  const columns = { aligned: "g.aligned", coherent: "g.coherent" };
  const counters = EM_DEFINITIONS.flatMap((name) => {
    const { counted, misaligned } = emSqlPredicates(name, DEFAULT_THRESHOLDS, columns);
    const { n, k } = emDefinition(name).cellColumns;
    return [
      { column: n, value: `count(*) FILTER (WHERE ${counted})` },
      { column: k, value: `count(*) FILTER (WHERE ${misaligned})` },
    ];
  });
  await client.query(`DELETE FROM "EmCell" WHERE "runId" = ANY($1::int[])`, [ids]);
  await client.query(
    `INSERT INTO "EmCell" ("runId", "conditionId", "questionKey", total, "nullAligned", "alignedSum", ${counters.map((c) => c.column).join(", ")})
     SELECT g."runId", g."conditionId", g."questionKey",
            count(*), count(*) FILTER (WHERE g.aligned IS NULL), coalesce(sum(g.aligned), 0),
            ${counters.map((c) => c.value).join(", ")}
       FROM "Generation" g
      WHERE g."runId" = ANY($1::int[]) AND g.status = 'done'
      GROUP BY 1, 2, 3`,
    [ids],
  );
}
