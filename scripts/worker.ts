// `npm run worker`: an evaluation worker on DATABASE_URL, or on the embedded database (attached
// if `npm start` runs it, started otherwise). Any number of workers may share one database.
// A database that is down or restarting does not end the worker: it waits and tries again.
import { openDatabase, type Database } from "../lib/db/database";
import { migrate } from "../lib/db/migrate";
import { migrationsDir } from "../lib/db/project-paths";
import { startWorker, type RunningWorker } from "../lib/eval/worker";

const log = (line: string) => console.log(`[worker] ${line}`);
const concurrency = Number(process.env.EMLAB_WORKER_CONCURRENCY || 16);
const MAX_DELAY_MS = 30_000;

let stopping = false;
let database: Database | null = null;
let worker: RunningWorker | null = null;

async function start(): Promise<void> {
  for (let attempt = 1; !stopping; attempt++) {
    try {
      database ??= await openDatabase(log);
      await migrate(database.url, migrationsDir);
      worker = await startWorker({ databaseUrl: database.url, concurrency, log });
      log(`working on ${database.description}`);
      return;
    } catch (error) {
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (attempt - 1));
      log(`cannot start yet (${(error as Error).message}); trying again in ${delay / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function stop() {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await worker?.stop();
  await database?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

await start();
