import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { expiryFrom, hashToken } from "@/lib/auth/api-tokens";
import { authSecret, authSecretPath } from "@/lib/auth/auth-secret";
import { actorLabel, roleAllows } from "@/lib/auth/roles";

describe("roles", () => {
  it("are ordered viewer < researcher < admin", () => {
    expect(roleAllows("admin", "researcher")).toBe(true);
    expect(roleAllows("researcher", "researcher")).toBe(true);
    expect(roleAllows("researcher", "admin")).toBe(false);
    expect(roleAllows("viewer", "researcher")).toBe(false);
    expect(actorLabel({ kind: "local" })).toBe("local");
    expect(actorLabel(null)).toBe("cli");
    expect(actorLabel({ kind: "user", userId: "u", email: "a@b.example", role: "viewer", via: "token" })).toBe("a@b.example");
  });
});

describe("token expiry", () => {
  const now = new Date("2026-11-27T12:00:00Z");
  it("reads 30d, 12h, 90m and dates", () => {
    expect(expiryFrom("30d", now).toISOString()).toBe("2026-12-27T12:00:00.000Z");
    expect(expiryFrom("12h", now).toISOString()).toBe("2026-11-28T00:00:00.000Z");
    expect(expiryFrom("90m", now).toISOString()).toBe("2026-11-27T13:30:00.000Z");
    expect(expiryFrom("2027-01-31", now).toISOString()).toBe("2027-01-31T00:00:00.000Z");
  });
  it("refuses nonsense and the past, naming the field", () => {
    expect(() => expiryFrom("soon", now)).toThrow('Expiry "soon" is not 30d, 12h, 90m or a date');
    expect(() => expiryFrom("2020-01-01", now)).toThrow("is in the past");
    expect(() => expiryFrom("0d", now)).toThrow("at least 1");
  });
  it("hashes tokens with SHA-256", () => {
    // sha256("abc"), the FIPS 180-2 test vector.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("emlab_x")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken("emlab_x")).not.toBe(hashToken("emlab_y"));
  });
});

describe("the session secret", () => {
  const saved = process.env.EMLAB_DATA_DIR;
  let dir = "";
  afterEach(() => {
    process.env.EMLAB_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("is generated once into the data folder, readable by its owner only, and kept", () => {
    dir = mkdtempSync(path.join(tmpdir(), "emlab-secret-"));
    process.env.EMLAB_DATA_DIR = dir;
    const first = authSecret({});
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(authSecretPath()).mode & 0o777).toBe(0o600);
    expect(readFileSync(authSecretPath(), "utf8").trim()).toBe(first);
    expect(authSecret({})).toBe(first);
    chmodSync(authSecretPath(), 0o644);
    expect(authSecret({})).toBe(first);
    expect(statSync(authSecretPath()).mode & 0o777).toBe(0o600);
  });

  it("comes from EMLAB_AUTH_SECRET when set, which must be long enough", () => {
    dir = mkdtempSync(path.join(tmpdir(), "emlab-secret-"));
    expect(authSecret({ EMLAB_AUTH_SECRET: "x".repeat(40) })).toBe("x".repeat(40));
    expect(() => authSecret({ EMLAB_AUTH_SECRET: "short" })).toThrow("at least 32 characters");
  });
});
