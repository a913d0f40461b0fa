import pg from "pg";

// Raw SQL for bulk work (COPY, aggregates) that Prisma does not express well. One pool per process.
const globalForPool = globalThis as unknown as { emlabPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.emlabPgPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start EM Lab with `npm start`, which provides the database.");
    globalForPool.emlabPgPool = withErrorLog(new pg.Pool({ connectionString: url, max: 10 }), "pool");
  }
  return globalForPool.emlabPgPool;
}

/**
 * An idle pooled connection that the server closes (a restart: 57P01, a network drop) emits
 * 'error' on the pool; without a listener that kills the process. The pool drops the connection
 * and opens a new one for the next query, so logging is all there is to do.
 */
export function withErrorLog(pool: pg.Pool, what: string): pg.Pool {
  pool.on("error", (error: Error & { code?: string }) => {
    console.error(`[db] ${what}: connection lost (${error.code ?? error.message}); reconnecting on next use`);
  });
  return pool;
}

/** Runs `work` in a transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  const client = await pool.connect();
  // A checked-out connection has no pool listener: a server restart between two queries would
  // emit an unhandled 'error' and end the process. The next query fails instead, and the broken
  // connection is destroyed on release.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.removeListener("error", onError);
    client.release(lost);
  }
}

/** For a single pg.Client: errors reach the caller through its queries, never as an unhandled event. */
export function ignoreClientErrorEvents(client: pg.Client): pg.Client {
  client.on("error", () => {});
  return client;
}
