import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "@/lib/db/project-paths";
import { bindHostFrom, bindRefusal } from "@/lib/network/bind-host";
import { isLoopbackHost } from "@/lib/network/loopback";

describe("the address npm start binds", () => {
  it("is loopback unless HOST or --host says otherwise", () => {
    expect(bindHostFrom([], {})).toBe("127.0.0.1");
    expect(bindHostFrom([], { HOST: "::1" })).toBe("::1");
    expect(bindHostFrom(["--host", "0.0.0.0"], { HOST: "::1" })).toBe("0.0.0.0");
    expect(bindHostFrom(["--dev", "--host=localhost"], {})).toBe("localhost");
  });

  it("tells loopback from exposed addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "app.localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "[::]", "192.168.1.10", "10.0.0.1", "example.com", "localhost.example.com", "::ffff:10.0.0.1"]) expect(isLoopbackHost(host), host).toBe(false);
    expect(bindRefusal("127.0.0.1", { usersExist: false })).toBeNull();
    expect(bindRefusal("0.0.0.0", { usersExist: false })).toContain("HOST=0.0.0.0 would expose the dashboard");
    expect(bindRefusal("0.0.0.0", { usersExist: false })).toContain("npm run -s emlab -- user add you@lab.example --admin");
    expect(bindRefusal("0.0.0.0", { usersExist: true })).toBeNull();
  });

  it("a malformed EMLAB_ORIGIN refuses to start, before it touches a database", () => {
    const data = mkdtempSync(path.join(tmpdir(), "emlab-exposed-"));
    try {
      for (const [args, env] of [[[], { EMLAB_ORIGIN: "not an origin" }]] as const) {
        const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts", ...args], {
          cwd: projectRoot,
          env: { ...process.env, ...env, EMLAB_DATA_DIR: data, DATABASE_URL: "", PORT: "3409" },
          encoding: "utf8",
          timeout: 60_000,
        });
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("Refusing to start");
        expect(existsSync(path.join(data, "postgres"))).toBe(false);
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 90_000);
});
