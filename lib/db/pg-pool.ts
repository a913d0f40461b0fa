import pg from "pg";

// Raw SQL for bulk work (COPY, aggregates) that Prisma does not express well. One pool per process.
const globalForPool = globalThis as unknown as { emlabPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.emlabPgPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start EM Lab with `npm start`, which provides the database.");
    globalForPool.emlabPgPool = new pg.Pool({ connectionString: url, max: 10 });
  }
  return globalForPool.emlabPgPool;
}

/** Runs `work` in a transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
