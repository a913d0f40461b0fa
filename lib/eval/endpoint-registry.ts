import type pg from "pg";
import { endpointGroup } from "./queue";
import { RequestGate } from "./request-gate";
import { requestShare } from "./worker-presence";

export interface EndpointSettings {
  id: number;
  baseUrl: string;
  model: string;
  apiKeyEnv: string | null;
  maxConcurrent: number;
  requestsPerMinute: number | null;
  timeoutSeconds: number;
  inputUsdPerMTok: number | null;
  outputUsdPerMTok: number | null;
  /** Judge through the provider's Batch API (batch-api-judging.ts) instead of one call per judgment. */
  batchApi: boolean;
}

/** pg-boss's per-group limit, read again at every fetch: the registry edits `tiers` in place. */
export interface GroupConcurrency {
  default: number;
  tiers: Record<string, number>;
}

/** Jobs of an endpoint pg-boss has never been told about run at this many at a time. */
export const DEFAULT_GROUP_LIMIT = 8;

const COLUMNS = `id, "baseUrl", model, "apiKeyEnv", "maxConcurrent", "requestsPerMinute", "timeoutSeconds", "inputUsdPerMTok", "outputUsdPerMTok", "batchApi"`;

/**
 * One worker's view of the Endpoint table: URL, model, key variable and limits, read again on every
 * `refresh()` (the worker's housekeeping tick), so an endpoint added or edited after the worker
 * started gets its own limits within a tick, without a restart. It applies the limits twice: as
 * pg-boss group tiers (jobs of one endpoint in flight per queue, across all workers) and as one
 * request gate per endpoint: this worker's share of the endpoint's max concurrent requests, split
 * evenly between the live workers (worker-presence.ts). The gates are what bound requests: a judge
 * job's metrics are called in parallel, and one endpoint may serve several queues at once.
 */
export class EndpointRegistry {
  readonly groupConcurrency: GroupConcurrency = { default: DEFAULT_GROUP_LIMIT, tiers: {} };
  #endpoints = new Map<number, EndpointSettings>();
  #gates = new Map<number, RequestGate>();
  #workers = 1;

  constructor(private readonly db: pg.Pool) {}

  async refresh(): Promise<void> {
    const { rows } = await this.db.query<EndpointSettings>(`SELECT ${COLUMNS} FROM "Endpoint"`);
    const seen = new Set<number>();
    for (const row of rows) {
      this.#store(row);
      seen.add(row.id);
    }
    for (const id of [...this.#endpoints.keys()]) {
      if (!seen.has(id)) {
        this.#endpoints.delete(id);
        delete this.groupConcurrency.tiers[endpointGroup(id).tier];
      }
    }
  }

  /** The endpoint's settings as of the last refresh; read at once if it is new to this worker. */
  async get(id: number): Promise<EndpointSettings | null> {
    const known = this.#endpoints.get(id);
    if (known) return known;
    const { rows } = await this.db.query<EndpointSettings>(`SELECT ${COLUMNS} FROM "Endpoint" WHERE id = $1`, [id]);
    if (!rows.length) return null;
    this.#store(rows[0]);
    return rows[0];
  }

  /** How many workers share the endpoints (this one included): each gate gets its share. */
  setWorkers(workers: number): void {
    if (workers === this.#workers) return;
    this.#workers = workers;
    for (const row of this.#endpoints.values()) this.#store(row);
  }

  /** Runs `request` once fewer than this worker's share of the endpoint's max concurrent requests are in flight. */
  gate(id: number): RequestGate {
    let gate = this.#gates.get(id);
    if (!gate) {
      gate = new RequestGate(this.#share(id));
      this.#gates.set(id, gate);
    }
    return gate;
  }

  #share(id: number): number {
    return requestShare(this.#endpoints.get(id)?.maxConcurrent ?? DEFAULT_GROUP_LIMIT, this.#workers);
  }

  #store(row: EndpointSettings): void {
    this.#endpoints.set(row.id, row);
    // Jobs may outnumber requests (a judge job calls its metrics in parallel; the gates bound the
    // requests): with W workers the group admits W x the limit, so no worker holds every job of an
    // endpoint while the others, with their own share of requests, sit idle.
    this.groupConcurrency.tiers[endpointGroup(row.id).tier] = row.maxConcurrent * this.#workers;
    this.#gates.get(row.id)?.setLimit(this.#share(row.id));
  }
}
