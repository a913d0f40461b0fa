// A second dashboard with sign-in on, for the sign-in specs: its own embedded database in a
// temporary folder, a first admin created with the CLI (as an operator would), then `npm start`
// on E2E_AUTH_PORT (default E2E_PORT + 2). The main e2e server stays in local mode.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ADMIN = { email: "admin@lab.example", password: "e2e admin password" };

export interface AuthInstance {
  baseURL: string;
  stop(): Promise<void>;
}

function env(dataDir: string, port: number): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, EMLAB_DATA_DIR: dataDir, PORT: String(port), EMLAB_WORKER: "0", EMLAB_DEMO_DATA: "0", NEXT_TELEMETRY_DISABLED: "1" };
  delete e.DATABASE_URL; // always the temporary folder's own embedded database
  return e;
}

export async function startAuthInstance(): Promise<AuthInstance> {
  const port = Number(process.env.E2E_AUTH_PORT || Number(process.env.E2E_PORT || 3100) + 2);
  const dataDir = mkdtempSync(path.join(tmpdir(), "emlab-e2e-auth-"));
  const add = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/emlab.ts", "user", "add", ADMIN.email, "--admin"], {
    env: { ...env(dataDir, port), EMLAB_PASSWORD: ADMIN.password },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (add.status !== 0) throw new Error(`emlab user add failed: ${add.stderr}`);

  const app: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env: env(dataDir, port), stdio: "inherit" });
  const exited = new Promise<void>((resolve) => app.once("exit", () => resolve()));
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`The sign-in instance exited (${app.exitCode}).`);
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("The sign-in instance did not start within 180 s.");
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseURL,
    async stop() {
      app.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
