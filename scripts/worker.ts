// `npm run worker`: an evaluation worker on DATABASE_URL, or on the embedded database (attached
// if `npm start` runs it, started otherwise). Any number of workers may share one database.
import { openDatabase } from "../lib/db/database";
import { migrate } from "../lib/db/migrate";
import { migrationsDir } from "../lib/db/project-paths";
import { startWorker } from "../lib/eval/worker";

const log = (line: string) => console.log(`[worker] ${line}`);
const database = await openDatabase(log);
await migrate(database.url, migrationsDir);
const concurrency = Number(process.env.EMLAB_WORKER_CONCURRENCY || 16);
const worker = await startWorker({ databaseUrl: database.url, concurrency, log });
log(`working on ${database.description}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await worker.stop();
  await database.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
