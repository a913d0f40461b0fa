import { describe, expect, it } from "vitest";
import { checkBaseUrl, endpointUrl } from "@/lib/eval/endpoint-url";
import { keyVarAllowed } from "@/lib/eval/key-allowlist";
import { isPrivateAddress, isPrivateHostName } from "@/lib/network/private-address";

describe("endpoint base URLs", () => {
  it("are rebuilt from scheme, host, port and path", () => {
    expect(checkBaseUrl(" https://api.openai.com/v1/ ")).toEqual({ ok: true, url: "https://api.openai.com/v1", hostname: "api.openai.com" });
    expect(checkBaseUrl("http://vllm.lab:8000/v1")).toMatchObject({ ok: true, url: "http://vllm.lab:8000/v1" });
    expect(endpointUrl("https://api.example.com/v1", "chat/completions")?.href).toBe("https://api.example.com/v1/chat/completions");
  });

  it("refuse queries, fragments, credentials and other schemes", () => {
    for (const [url, message] of [
      ["https://evil.example/anything?", "no query"],
      ["https://evil.example/x?a=1", "no query"],
      ["https://evil.example/v1#", "no fragment"],
      ["https://user:pw@evil.example/v1", "credentials"],
      ["file:///etc/passwd", "http:// or https://"],
      ["gopher://evil.example/", "http:// or https://"],
      ["not a url", "Not a URL"],
    ]) {
      const checked = checkBaseUrl(url);
      expect(checked.ok, url).toBe(false);
      if (!checked.ok) expect(checked.error).toContain(message);
    }
    // A stored row that predates the checks is refused when used.
    expect(endpointUrl("https://evil.example/x?", "chat/completions")).toBeNull();
  });
});

describe("private addresses", () => {
  it("cover loopback, link-local, private and reserved ranges in every spelling", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "[::1]", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "255.255.255.255"]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(a), a).toBe(false);
    // The URL parser's normal forms of odd spellings (0x7f.1, 2130706433) are 127.0.0.1.
    expect(isPrivateHostName(new URL("http://0x7f.1/").hostname)).toBe(true);
    expect(isPrivateHostName(new URL("http://2130706433/").hostname)).toBe(true);
    expect(isPrivateHostName(new URL("http://[::ffff:127.0.0.1]/").hostname)).toBe(true);
    expect(isPrivateHostName("localhost")).toBe(true);
    expect(isPrivateHostName("api.openai.com")).toBe(false);
  });
});

describe("key variables", () => {
  it("are the operator's list and the EMLAB_KEY_ prefix, nothing else", () => {
    const env = { EMLAB_KEY_VARS: "OPENAI_API_KEY, TOGETHER_API_KEY" };
    expect(keyVarAllowed("OPENAI_API_KEY", env)).toBe(true);
    expect(keyVarAllowed("TOGETHER_API_KEY", env)).toBe(true);
    expect(keyVarAllowed("EMLAB_KEY_VLLM", env)).toBe(true);
    expect(keyVarAllowed("EMLAB_KEY_", env)).toBe(false);
    expect(keyVarAllowed("DATABASE_URL", env)).toBe(false);
    expect(keyVarAllowed("OPENAI_API_KEY", {})).toBe(false);
  });
});
