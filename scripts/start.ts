// `npm start` / `npm run dev`: start (or attach to) the database, migrate it, build if the
// sources changed, then serve the dashboard. Ctrl-C stops everything this process started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { openDatabase } from "../lib/db/database";
import { migrate } from "../lib/db/migrate";
import { pgPool } from "../lib/db/pg-pool";
import { migrationsDir, projectRoot } from "../lib/db/project-paths";
import { authSecret, authSecretPath } from "../lib/auth/auth-secret";
import { usersExist } from "../lib/auth/auth-mode";
import { bindHostFrom, bindRefusal } from "../lib/network/bind-host";
import { isLoopbackHost } from "../lib/network/loopback";
import { allowedOrigins } from "../lib/network/request-origin";
import { seedDemoData } from "../lib/server/imports/seed-demo-data";
import { buildIsCurrent, recordBuild } from "./build-stamp";
import { generatePrismaClient } from "./prisma-generate";
import { superviseChild } from "./supervise-child";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
// Loopback by default; an exposed address needs sign-in configured (checked once the database is open).
const host = bindHostFrom(process.argv.slice(2), process.env);
const nextBin = path.join(path.dirname(createRequire(import.meta.url).resolve("next/package.json")), "dist", "bin", "next");
const log = (line: string) => console.log(`[emlab] ${line}`);

try {
  allowedOrigins(process.env); // a malformed EMLAB_ORIGIN is reported now, not as a 500 on every request
} catch (error) {
  console.error(`[emlab] Refusing to start: ${(error as Error).message}`);
  process.exit(2);
}

if (!existsSync(path.join(projectRoot, "lib", "db", "generated", "client.ts"))) generatePrismaClient();

const database = await openDatabase(log);
log(`Database: ${database.description}`);

const children: { process: ChildProcess; exited: Promise<void> }[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) {
      // A child that died of a signal has exitCode null too: check both.
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGTERM");
    }
    await Promise.all(children.map((c) => c.exited));
    await database.stop();
  }
  process.exit(code);
}

function spawnChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: "inherit", env });
  children.push({ process: child, exited: new Promise((resolve) => child.once("exit", () => resolve())) });
  return child;
}

/** The web server: when it ends, everything ends. */
function launch(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnChild(args, env);
  child.once("exit", (code, signal) => {
    if (!stopping) log(`The web server stopped (${signal ?? `exit ${code}`}); stopping everything else.`);
    void shutdown(code ?? 1);
  });
  return child;
}

/** The worker: restarted with backoff when it dies; the dashboard stays up meanwhile. */
function supervise(args: string[], env: NodeJS.ProcessEnv): void {
  superviseChild({
    start: () => {
      const child = spawnChild(args, env);
      child.once("exit", () => {
        const index = children.findIndex((c) => c.process === child);
        if (index >= 0 && !stopping) children.splice(index, 1);
      });
      return child;
    },
    stopping: () => stopping,
    log,
  });
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));

try {
  const report = await migrate(database.url, migrationsDir);
  log(report.applied.length ? `Applied migrations: ${report.applied.join(", ")}` : `Database schema is up to date (${report.alreadyApplied} migrations).`);
  for (const warning of report.warnings) log(`Warning: ${warning}`);
  process.env.DATABASE_URL = database.url;
  const signIn = await usersExist();
  const refusal = bindRefusal(host, { usersExist: signIn });
  if (refusal) {
    console.error(`[emlab] Refusing to start: ${refusal}`);
    await pgPool().end();
    await shutdown(2);
  }
  if (signIn || !isLoopbackHost(host) || process.env.EMLAB_AUTH === "1") {
    authSecret(); // generated now (0600), so the web server and the CLI share it
    log(`Sign-in required (session secret: ${process.env.EMLAB_AUTH_SECRET ? "EMLAB_AUTH_SECRET" : authSecretPath()}).`);
  } else {
    log("Local mode: no users, no sign-in (loopback only).");
  }
  if (process.env.EMLAB_DEMO_DATA !== "0") await seedDemoData(path.join(projectRoot, "prisma", "seed"), log);
  await pgPool().end();

  if (!dev && !buildIsCurrent()) {
    log("Building the dashboard (sources changed since the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: projectRoot, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
    recordBuild();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[emlab] Could not prepare ${database.description}: ${message}`);
  await shutdown(1);
}

const env = { ...process.env, DATABASE_URL: database.url, EMLAB_DATABASE_KIND: database.kind, NEXT_TELEMETRY_DISABLED: "1", HOST: host, PORT: String(port) };
log(`Dashboard: http://${host.includes(":") ? `[${host}]` : host}:${port}`);
launch([nextBin, dev ? "dev" : "start", "-H", host, "-p", String(port)], env);
// One evaluation worker beside the web server (EMLAB_WORKER=0 runs none; `npm run worker` adds more).
if (process.env.EMLAB_WORKER !== "0") supervise(["--conditions=react-server", "--import", "tsx", path.join(projectRoot, "scripts", "worker.ts")], env);
