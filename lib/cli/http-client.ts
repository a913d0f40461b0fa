import { UserError } from "@/lib/errors";
import type { EmlabClient } from "./client";

/** What a REST error looks like: {error, fieldErrors}. */
function messageOf(status: number, body: unknown): string {
  const { error, fieldErrors } = (body ?? {}) as { error?: unknown; fieldErrors?: Record<string, string[]> };
  const fields = Object.entries(fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  const head = typeof error === "string" ? error : `HTTP ${status}`;
  return [head, ...fields].join("\n");
}

/**
 * The client on a running EM Lab (--url or EMLAB_URL), through its REST API. EMLAB_TOKEN, when
 * set, is sent as `Authorization: Bearer`; it is never printed.
 */
export function httpClient(baseUrl: string, token: string | undefined, fetchImpl: typeof fetch = fetch): EmlabClient {
  let root: URL;
  try {
    root = new URL(baseUrl);
  } catch {
    throw new UserError(`--url ${JSON.stringify(baseUrl)} is not a URL (e.g. http://localhost:3000).`);
  }
  if (root.protocol !== "http:" && root.protocol !== "https:") throw new UserError(`--url must be http or https, not ${root.protocol}`);
  if (root.username || root.password) throw new UserError("--url must not carry a user name or password; put an API token in EMLAB_TOKEN.");

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, root);
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: "error" });
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new UserError(`Could not reach ${root.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new UserError(`${method} ${url.pathname}: HTTP ${response.status}, not a JSON answer (is ${root.origin} an EM Lab?)`);
    }
    if (!response.ok) throw new UserError(messageOf(response.status, json), {}, response.status);
    return json as T;
  }

  return {
    target: root.origin,
    listRuns: () => call("GET", "/api/v1/runs"),
    showRun: (id) => call("GET", `/api/v1/runs/${id}`),
    createRun: (input) => call("POST", "/api/v1/runs", input),
    updateRun: (id, patch) => call("PATCH", `/api/v1/runs/${id}`, patch),
    attachEndpoint: (id, endpoint) => call("PUT", `/api/v1/runs/${id}/endpoint`, { endpoint }),
    listEndpoints: () => call("GET", "/api/v1/endpoints"),
    showEndpoint: (id) => call("GET", `/api/v1/endpoints/${id}`),
    addEndpoint: (input) => call("POST", "/api/v1/endpoints", input),
    updateEndpoint: (id, patch) => call("PATCH", `/api/v1/endpoints/${id}`, patch),
    removeEndpoint: async (id) => {
      await call("DELETE", `/api/v1/endpoints/${id}`);
    },
    testEndpoint: (id) => call("POST", `/api/v1/endpoints/${id}/test`),
    listQuestionSets: () => call("GET", "/api/v1/question-sets"),
    showQuestionSet: (id) => call("GET", `/api/v1/question-sets/${id}`),
    listBatches: () => call("GET", "/api/v1/batches"),
    showBatch: (id) => call("GET", `/api/v1/batches/${id}`),
    launchBatch: (input) => call("POST", "/api/v1/batches", input),
    cancelBatch: async (id) => {
      await call("POST", `/api/v1/batches/${id}/cancel`);
    },
    resumeBatch: (id) => call("POST", `/api/v1/batches/${id}/resume`),
    emCells: (query) => {
      const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
      return call("GET", `/api/v1/em?${params}`);
    },
    close: async () => {},
  };
}
