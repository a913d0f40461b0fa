import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runningPort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const scratch = await mkdtemp(path.join(tmpdir(), "emlab-embedded-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function postgresRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("embedded PostgreSQL", () => {
  it("starts on a free port, lets a second caller attach, keeps data across restarts, and stops cleanly", async () => {
    const clusterDir = path.join(scratch, "postgres");
    const first = await startEmbeddedPostgres({ clusterDir });
    expect(first.owned).toBe(true);
    expect(runningPort(clusterDir)).toBe(first.port);
    await query(first.url("postgres"), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");

    const second = await startEmbeddedPostgres({ clusterDir });
    expect(second.owned).toBe(false);
    expect(second.port).toBe(first.port);
    await second.stop(); // not its server: a no-op
    const [{ pid }] = await query(first.url("postgres"), "SELECT pg_backend_pid() AS pid, 1");
    expect(pid).toBeGreaterThan(0);
    const postmasterPid = Number((await import("node:fs")).readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);

    await first.stop();
    expect(runningPort(clusterDir)).toBeNull();
    expect(postgresRunning(postmasterPid)).toBe(false);

    const restarted = await startEmbeddedPostgres({ clusterDir });
    expect(restarted.owned).toBe(true);
    expect(await query(restarted.url("postgres"), "SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    await restarted.stop();
  });
});
