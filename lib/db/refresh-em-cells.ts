import type pg from "pg";
import { DEFAULT_THRESHOLDS, emSqlPredicates } from "@/lib/domain/em-definitions";

/**
 * Recomputes the EmCell rows of the given runs from their generations, inside the caller's
 * transaction. A per-run advisory lock orders concurrent refreshes, and the INSERT's snapshot is
 * taken after it, so the last refresh to commit has seen every committed generation.
 */
export async function refreshEmCells(client: pg.ClientBase, runIds: number[]): Promise<void> {
  const ids = [...new Set(runIds)].sort((a, b) => a - b);
  if (!ids.length) return;
  for (const id of ids) await client.query(`SELECT pg_advisory_xact_lock(hashtext('emlab.em-cells'), $1)`, [id]);
  const columns = { aligned: "g.aligned", coherent: "g.coherent" };
  const betley = emSqlPredicates("betley", DEFAULT_THRESHOLDS, columns);
  const mo = emSqlPredicates("mo", DEFAULT_THRESHOLDS, columns);
  await client.query(`DELETE FROM "EmCell" WHERE "runId" = ANY($1::int[])`, [ids]);
  await client.query(
    `INSERT INTO "EmCell" ("runId", "conditionId", "questionKey", total, "nullAligned", "betleyN", "betleyK", "moN", "moK")
     SELECT g."runId", g."conditionId", g."questionKey",
            count(*), count(*) FILTER (WHERE g.aligned IS NULL),
            count(*) FILTER (WHERE ${betley.counted}), count(*) FILTER (WHERE ${betley.misaligned}),
            count(*) FILTER (WHERE ${mo.counted}), count(*) FILTER (WHERE ${mo.misaligned})
       FROM "Generation" g
      WHERE g."runId" = ANY($1::int[])
      GROUP BY 1, 2, 3`,
    [ids],
  );
}
