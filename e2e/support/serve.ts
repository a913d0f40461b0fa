// The app as `npm start` serves it, on a database of the e2e run's own: a fresh embedded cluster
// in a temporary folder, or a new database on DATABASE_URL's server when that is set.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startFakeOpenAI } from "../../test/support/fake-openai";
import { scriptedReply, strictJudgeReply } from "../../test/support/scripted-model";

const E2E_KEY = "sk-e2e-fake";

const env: NodeJS.ProcessEnv = { ...process.env };
let cleanup: () => Promise<void> = async () => {};

if (process.env.DATABASE_URL) {
  const admin = new URL(process.env.DATABASE_URL);
  admin.pathname = "/postgres";
  const name = `emlab_e2e_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "emlab-e2e-"));
  env.EMLAB_DATA_DIR = dir;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

// The fake OpenAI-compatible model server and judge the browser tests launch batches against.
const fakePort = Number(process.env.E2E_FAKE_OPENAI_PORT || 3101);
// Model "strict-judge" is a second judge that disagrees on a known subset (re-judging tests).
const fake = await startFakeOpenAI({ apiKey: E2E_KEY, port: fakePort, delayMs: 5, reply: (r) => (r.model === "strict-judge" ? strictJudgeReply(r) : scriptedReply(r)) });
env.EMLAB_E2E_KEY = E2E_KEY;
// The operator's allowlist and the fake server on 127.0.0.1 (private addresses are refused otherwise).
env.EMLAB_KEY_VARS = "EMLAB_E2E_KEY";
env.EMLAB_ALLOW_PRIVATE_ENDPOINTS = "1";
// Batch API judging polls every second here (30 s by default).
env.EMLAB_BATCH_API_POLL_SECONDS = "1";

const app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { stdio: "inherit", env });
const stop = (signal: NodeJS.Signals) => app.kill(signal);
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
app.on("exit", async (code) => {
  await fake.close();
  await cleanup();
  process.exit(code ?? 0);
});
