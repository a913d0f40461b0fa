import type pg from "pg";

/**
 * Takes one request from an endpoint's token bucket (capacity and refill = requests per minute),
 * shared by every worker through the Endpoint row. Returns 0 when a token was taken, otherwise
 * the milliseconds to wait before asking again.
 */
export async function takeRequestToken(db: pg.Pool | pg.ClientBase, endpointId: number, requestsPerMinute: number): Promise<number> {
  const { rows } = await db.query<{ taken: boolean; tokens: number }>(
    `WITH cur AS (
       SELECT least($2::float8, coalesce("rateTokens", $2::float8)
                + extract(epoch FROM clock_timestamp() - coalesce("rateCheckedAt", clock_timestamp())) * $2::float8 / 60) AS tokens
         FROM "Endpoint" WHERE id = $1 FOR UPDATE
     )
     UPDATE "Endpoint" e SET "rateTokens" = CASE WHEN cur.tokens >= 1 THEN cur.tokens - 1 ELSE cur.tokens END,
                             "rateCheckedAt" = clock_timestamp()
       FROM cur WHERE e.id = $1
     RETURNING cur.tokens >= 1 AS taken, cur.tokens AS tokens`,
    [endpointId, requestsPerMinute],
  );
  if (!rows.length || rows[0].taken) return 0;
  return Math.ceil(((1 - rows[0].tokens) * 60_000) / requestsPerMinute);
}
