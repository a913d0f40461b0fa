import { UserError } from "@/lib/errors";
import type { EndpointView } from "../client";
import { dash, emit, formatTable, unknownSubcommand, type Command, type CommandContext } from "../command";
import type { Values } from "../options";
import { resolveRef } from "../resolve-ref";

const USAGE = `  endpoint list [--json]
  endpoint show ENDPOINT [--json]            (ENDPOINT: an id or a name)
  endpoint add --name NAME --base-url URL --model MODEL [--api-key-env VAR] [--max-concurrent N]
               [--rpm N] [--timeout SECONDS] [--input-price USD --output-price USD] [--batch-api] [--json]
                                             (prices per million tokens; "" clears them on edit)
  endpoint edit ENDPOINT [the same options; --api-key-env "" or --rpm "" clears] [--json]
  endpoint remove ENDPOINT
  endpoint test ENDPOINT [--json]            (a worker lists the endpoint's models)`;

function whole(value: string): number | string {
  return /^\d+$/.test(value.trim()) ? Number(value) : value;
}

/** The endpoint fields given on the command line, as the JSON the API takes. */
export function endpointFields(v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v.name !== undefined) out.name = v.name;
  if (v["base-url"] !== undefined) out.baseUrl = v["base-url"];
  if (v.model !== undefined) out.model = v.model;
  if (v["api-key-env"] !== undefined) out.apiKeyEnv = v["api-key-env"] === "" ? null : v["api-key-env"];
  if (v["max-concurrent"] !== undefined) out.maxConcurrent = whole(v["max-concurrent"]);
  if (v.rpm !== undefined) out.requestsPerMinute = v.rpm === "" ? null : whole(v.rpm);
  if (v.timeout !== undefined) out.timeoutSeconds = whole(v.timeout);
  if (v["input-price"] !== undefined) out.inputUsdPerMTok = v["input-price"] === "" ? null : Number(v["input-price"]);
  if (v["output-price"] !== undefined) out.outputUsdPerMTok = v["output-price"] === "" ? null : Number(v["output-price"]);
  if (v["batch-api"] !== undefined) out.batchApi = v["batch-api"];
  return out;
}

function describe(e: EndpointView): string {
  return [
    ["id", e.id],
    ["name", e.name],
    ["base URL", e.baseUrl],
    ["model", e.model],
    ["key variable", e.apiKeyEnv],
    ["max concurrent", e.maxConcurrent],
    ["requests/minute", e.requestsPerMinute],
    ["timeout", `${e.timeoutSeconds} s`],
    ["$ per 1M in/out", e.inputUsdPerMTok == null ? null : `${e.inputUsdPerMTok} / ${e.outputUsdPerMTok}`],
    ["judging", e.batchApi ? `Batch API (${(e.batchDiscount ?? 0.5) * 100}% off)` : "direct"],
  ]
    .map(([k, v]) => `${String(k).padEnd(16)}${dash(v)}`)
    .join("\n");
}

async function run(context: CommandContext): Promise<number | void> {
  const { args: [sub, ref], values, client } = context;
  switch (sub) {
    case "list": {
      const endpoints = await client.listEndpoints();
      return emit(context, endpoints, () =>
        formatTable(
          ["id", "name", "base URL", "model", "key variable", "concurrent", "rpm", "runs"],
          endpoints.map((e) => [String(e.id), e.name, e.baseUrl, e.model, dash(e.apiKeyEnv), String(e.maxConcurrent), dash(e.requestsPerMinute), dash(e.runs)]),
          (i) => i === 0 || i >= 5,
        ),
      );
    }
    case "show": {
      const endpoint = await client.showEndpoint(await resolveRef(client, "endpoint", ref));
      return emit(context, endpoint, () => describe(endpoint));
    }
    case "add": {
      const { id } = await client.addEndpoint(endpointFields(values));
      const endpoint = await client.showEndpoint(id);
      return emit(context, endpoint, () => `Added endpoint ${id}.\n${describe(endpoint)}`);
    }
    case "edit": {
      const fields = endpointFields(values);
      if (!Object.keys(fields).length) throw new UserError(`Give at least one field to change.\n\nUsage:\n${USAGE}`);
      const endpoint = await client.updateEndpoint(await resolveRef(client, "endpoint", ref), fields);
      return emit(context, endpoint, () => `Saved endpoint ${endpoint.id}.\n${describe(endpoint)}`);
    }
    case "remove": {
      const id = await resolveRef(client, "endpoint", ref);
      await client.removeEndpoint(id);
      return emit(context, { ok: true, id }, () => `Removed endpoint ${id}.`);
    }
    case "test": {
      const result = await client.testEndpoint(await resolveRef(client, "endpoint", ref));
      emit(context, result, () =>
        [`${result.ok ? "ok" : "failed"}: ${result.message}`, result.latencyMs === null ? "" : `latency ${result.latencyMs} ms`, result.models?.length ? `models: ${result.models.join(", ")}` : ""].filter(Boolean).join("\n"),
      );
      return result.ok ? 0 : 1;
    }
    default:
      unknownSubcommand("endpoint", sub, USAGE);
  }
}

export const endpointCommand: Command = { name: "endpoint", usage: USAGE, needs: "client", run };
