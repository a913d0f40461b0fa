import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type PostgresServer } from "./embedded-postgres";
import { dataDir } from "./project-paths";
import { ignoreClientErrorEvents } from "./pg-pool";

export interface Database {
  url: string;
  /** "embedded" when this project's own PostgreSQL serves it, "external" for DATABASE_URL. */
  kind: "embedded" | "external";
  /** Human-readable place, without credentials, for start-up messages. */
  description: string;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = "emlab";

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

async function ensureDatabase(server: PostgresServer, name: string): Promise<void> {
  const client = ignoreClientErrorEvents(new pg.Client({ connectionString: server.url("postgres") }));
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * The database the app uses: DATABASE_URL when set (nothing is started), otherwise the embedded
 * PostgreSQL in the data folder, started on a free port or attached to if already running.
 */
export async function openDatabase(log: (line: string) => void = () => {}): Promise<Database> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { url: external, kind: "external", description: redactUrl(external), stop: async () => {} };
  }
  const clusterDir = path.join(dataDir(), "postgres");
  const server = await startEmbeddedPostgres({ clusterDir, log });
  await ensureDatabase(server, EMBEDDED_DATABASE);
  return {
    url: server.url(EMBEDDED_DATABASE),
    kind: "embedded",
    description: `embedded PostgreSQL on 127.0.0.1:${server.port} (data in ${clusterDir}${server.owned ? "" : ", already running"})`,
    stop: () => server.stop(),
  };
}
