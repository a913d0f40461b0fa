import type pg from "pg";
import { chatCompletion } from "./chat-completion";
import { ProviderError } from "./provider-error";

export interface EndpointTestResult {
  ok: boolean;
  message: string;
  latencyMs: number | null;
}

/** One tiny chat completion against an endpoint, with the key from this worker's environment. */
export async function testEndpoint(pool: pg.Pool, endpointId: number, apiKey: (env: string | null) => string | null): Promise<EndpointTestResult> {
  const { rows } = await pool.query<{ baseUrl: string; model: string; apiKeyEnv: string | null; timeoutSeconds: number }>(
    `SELECT "baseUrl", model, "apiKeyEnv", "timeoutSeconds" FROM "Endpoint" WHERE id = $1`,
    [endpointId],
  );
  if (!rows.length) return { ok: false, message: `Endpoint ${endpointId} no longer exists.`, latencyMs: null };
  const e = rows[0];
  try {
    const result = await chatCompletion(
      { baseUrl: e.baseUrl, model: e.model, apiKey: apiKey(e.apiKeyEnv) },
      { messages: [{ role: "user", content: "Reply with the single word OK." }], temperature: 0, maxTokens: 5, timeoutMs: Math.min(e.timeoutSeconds, 30) * 1000 },
    );
    return { ok: true, message: `${e.model} answered "${result.content.slice(0, 40)}" in ${result.latencyMs} ms.`, latencyMs: result.latencyMs };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, message: error.message, latencyMs: null };
    throw error;
  }
}
