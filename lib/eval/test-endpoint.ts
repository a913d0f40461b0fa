import type pg from "pg";
import { requestFailure } from "./chat-completion";
import { endpointUrl } from "./endpoint-url";
import { boundedText, outboundFetch } from "./outbound-fetch";
import { ProviderError } from "./provider-error";
import type { WorkerContext } from "./worker-context";

export interface EndpointTestResult {
  ok: boolean;
  message: string;
  latencyMs: number | null;
  /** HTTP status of GET {baseUrl}/models, when the endpoint answered. */
  status?: number | null;
  /** Model ids the endpoint lists (at most MAX_MODELS), when it answered with an OpenAI model list. */
  models?: string[];
}

/** Model ids returned to pick from (vLLM lists every LoRA adapter it serves). */
const MAX_MODELS = 500;
/** Model ids named in the message. */
const MAX_SHOWN = 20;
const MAX_LIST_BYTES = 1024 * 1024;
/** What a model id looks like; anything else in the list is not shown. */
const MODEL_ID = /^[\w.:/@+-]{1,100}$/;

/** Model ids from an OpenAI-style {"data": [{"id": ...}]} list; never any other part of the body. */
function modelIds(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const data = (JSON.parse(text) as { data?: unknown }).data;
    if (!Array.isArray(data)) return null;
    return data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === "string" && MODEL_ID.test(id));
  } catch {
    return null;
  }
}

/** What a probe needs: never a key, only the NAME of the variable that holds it. */
export interface ProbeTarget {
  baseUrl: string;
  /** The model the endpoint should serve (null: just list). */
  model: string | null;
  apiKeyEnv: string | null;
  timeoutSeconds: number;
}

/** Tests a saved endpoint: lists its models and says whether its model is among them. */
export async function testEndpoint(pool: pg.Pool, endpointId: number, ctx: Pick<WorkerContext, "apiKey" | "allowPrivate">): Promise<EndpointTestResult> {
  const { rows } = await pool.query<ProbeTarget>(`SELECT "baseUrl", model, "apiKeyEnv", "timeoutSeconds" FROM "Endpoint" WHERE id = $1`, [endpointId]);
  if (!rows.length) return { ok: false, message: `Endpoint ${endpointId} no longer exists.`, latencyMs: null };
  return probeEndpoint(rows[0], ctx);
}

/**
 * Lists the endpoint's models (GET {baseUrl}/models) with the key from this worker's environment,
 * and reports only the status, the latency and the model ids: never the body, so an endpoint that
 * echoes its request cannot show anything through this button.
 */
export async function probeEndpoint(e: ProbeTarget, ctx: Pick<WorkerContext, "apiKey" | "allowPrivate">): Promise<EndpointTestResult> {
  const url = endpointUrl(e.baseUrl, "models");
  if (!url) return { ok: false, message: "The base URL is not a plain http(s) URL without query, fragment or credentials; edit the endpoint.", latencyMs: null };
  const timeoutMs = Math.min(e.timeoutSeconds, 30) * 1000;
  try {
    const apiKey = ctx.apiKey(e.apiKeyEnv);
    const started = performance.now();
    const response = await outboundFetch(url, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: AbortSignal.timeout(timeoutMs) }, ctx.allowPrivate).catch((error) => {
      throw requestFailure(error, e.baseUrl, timeoutMs);
    });
    const text = response.ok ? await boundedText(response, MAX_LIST_BYTES).catch(() => null) : (await response.body?.cancel().catch(() => {}), null);
    const latencyMs = Math.round(performance.now() - started);
    const status = response.status;
    if (!response.ok) return { ok: false, message: `GET /models answered ${status} in ${latencyMs} ms.`, latencyMs, status };
    const models = modelIds(text);
    if (!models) return { ok: e.model !== null, message: `GET /models answered ${status} in ${latencyMs} ms, without an OpenAI model list.`, latencyMs, status };
    const shown = models.slice(0, MAX_SHOWN);
    const listed = e.model === null ? "" : models.includes(e.model) ? `; ${e.model} is listed` : `; ${e.model} is NOT listed`;
    return {
      ok: e.model === null ? models.length > 0 : models.includes(e.model),
      message: `GET /models answered ${status} in ${latencyMs} ms: ${models.length} model${models.length === 1 ? "" : "s"} (${shown.join(", ")}${models.length > shown.length ? ", …" : ""})${listed}.`,
      latencyMs,
      status,
      models: models.slice(0, MAX_MODELS),
    };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, message: error.message, latencyMs: null };
    throw error;
  }
}
