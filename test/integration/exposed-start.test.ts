import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "@/lib/db/project-paths";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// `npm start` on a non-loopback HOST: refused while no user exists (nobody could sign in), with
// the command that fixes it; the database is left as it was.
let db: TestDatabase;
const data = mkdtempSync(path.join(tmpdir(), "emlab-exposed-"));

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

function start(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, EMLAB_DATA_DIR: data, DATABASE_URL: db.url, PORT: "3209", EMLAB_DEMO_DATA: "0", EMLAB_WORKER: "0", ...env },
    encoding: "utf8",
    timeout: 90_000,
  });
}

describe("an exposed instance without sign-in", () => {
  it("refuses to start on 0.0.0.0 or a LAN address, saying how to create the first admin", async () => {
    for (const [args, env] of [[["--host", "0.0.0.0"], {}], [[], { HOST: "192.168.1.10" }]] as const) {
      const result = start([...args], { ...env });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("Refusing to start");
      expect(result.stderr).toContain("would expose the dashboard to the network");
      expect(result.stderr).toContain("npm run -s emlab -- user add you@lab.example --admin");
    }
    const { rows } = await db.sql.query(`SELECT count(*)::int AS n FROM "User"`);
    expect(rows[0].n).toBe(0);
  }, 120_000);
});
