// The CLI's REST client against a real HTTP server: paths, methods, the bearer token, and errors.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { httpClient } from "@/lib/cli/http-client";

const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
  if (req.url === "/api/v1/runs/9") {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "Run 9 does not exist.", fieldErrors: {} }));
  } else if (req.url === "/api/v1/runs") {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "Some fields are invalid.", fieldErrors: { benignShare: ["Between 0 and 1."] } }));
  } else if (req.url === "/api/v1/batches") {
    res.writeHead(200, { "content-type": "text/html" }).end("<html>not EM Lab</html>");
  } else {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: 7, name: "r", endpoint: "vllm" }));
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the CLI's HTTP client", () => {
  it("sends the token as a bearer and JSON bodies to the REST paths", async () => {
    const client = httpClient(url, "tok-123");
    expect(await client.attachEndpoint(7, "vllm")).toEqual({ id: 7, name: "r", endpoint: "vllm" });
    expect(seen.at(-1)).toEqual({ method: "PUT", url: "/api/v1/runs/7/endpoint", authorization: "Bearer tok-123", body: '{"endpoint":"vllm"}' });
    await client.cancelBatch(3);
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/api/v1/batches/3/cancel", body: "" });
    await httpClient(url, undefined).showRun(1);
    expect(seen.at(-1)!.authorization).toBeUndefined();
  });

  it("turns error answers into readable messages with their fields", async () => {
    const client = httpClient(url, "tok-123");
    await expect(client.showRun(9)).rejects.toThrow("Run 9 does not exist.");
    await expect(client.createRun({ benignShare: 5 })).rejects.toThrow("Some fields are invalid.\nbenignShare: Between 0 and 1.");
    await expect(client.listBatches()).rejects.toThrow(`GET /api/v1/batches: HTTP 200, not a JSON answer (is ${url} an EM Lab?)`);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(httpClient(`http://127.0.0.1:${port}`, "t").listRuns()).rejects.toThrow(`Could not reach http://127.0.0.1:${port}: ECONNREFUSED`);
  });

  it("refuses a URL that is not http(s) or carries credentials", () => {
    expect(() => httpClient("ftp://host", undefined)).toThrow("--url must be http or https, not ftp:");
    expect(() => httpClient("http://me:secret@host:3000", undefined)).toThrow("--url must not carry a user name or password");
    expect(() => httpClient("localhost:3000x", undefined)).toThrow();
  });
});
