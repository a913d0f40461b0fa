// What the CLI's object commands need from EM Lab, as one interface with two implementations:
// local-client.ts (the server modules on the database directly) and http-client.ts (the REST
// API of a running instance, --url). Each command is written once against this interface.
// Inputs are raw JSON-like values: each side validates them with the same zod schemas.

/** Dates arrive as Date locally and as ISO strings over HTTP. */
type When = Date | string;

export interface RunListItem { id: number; name: string; baseModel: string; trainingDataset: string | null; benignShare: number | null; trainingTrigger: string | null; seed: number | null; generations: number; updatedAt: When }
export interface RunView { id: number; name: string; baseModel: string; trainingDataset: string | null; benignShare: number | null; trainingTrigger: string | null; seed: number | null; hyperparameters: unknown; checkpoint: string | null; notes: string | null; endpointId: number | null; endpoint: string | null }
export interface EndpointView { id: number; name: string; baseUrl: string; model: string; apiKeyEnv: string | null; maxConcurrent: number; requestsPerMinute: number | null; timeoutSeconds: number; inputUsdPerMTok?: number | null; outputUsdPerMTok?: number | null; batchApi?: boolean; batchDiscount?: number; runs?: number }
export interface EndpointTest { ok: boolean; message: string; latencyMs: number | null; status?: number | null; models?: string[] }
export interface QuestionSetListItem { id: number; name: string; source: string | null; createdAt: When; questions: number }
export interface QuestionSetView { id: number; name: string; source: string | null; createdAt: When; questions: { id: number; key: string; type: string; paraphrases: string[]; system: string | null; samplesPerParaphrase: number | null; judgePrompts: unknown }[] }
export interface BatchListItem { id: number; name: string | null; status: string; createdAt: When; questionSet: string; runs: string | null; generations: number; finished: number }
export interface Progress { total: number; done: number; failed: number; pending: number }
export interface BatchView {
  id: number;
  name: string | null;
  status: string;
  createdAt: When;
  runs: { id: number; name: string }[];
  metrics: string[];
  generation: Progress;
  judging: Progress;
  throughput: number | null;
  etaSeconds: number | null;
  elapsedSeconds: number | null;
  percent: number;
  errors: { phase?: string; kind: string; count: number; examples: string[] }[];
}

/** One EM cell as GET /api/v1/em gives it (lib/server/em/em-cells.ts). */
export type { EmCell as EmCellView } from "@/lib/server/em/em-cells";
import type { EmCell } from "@/lib/server/em/em-cells";

export interface EmlabClient {
  /** Where commands go, for messages: "the database (embedded)" or the URL. */
  readonly target: string;
  listRuns(): Promise<RunListItem[]>;
  showRun(id: number): Promise<RunView>;
  createRun(input: unknown): Promise<RunView>;
  updateRun(id: number, patch: unknown): Promise<RunView>;
  attachEndpoint(id: number, endpoint: number | string | null): Promise<RunView>;
  listEndpoints(): Promise<EndpointView[]>;
  showEndpoint(id: number): Promise<EndpointView>;
  addEndpoint(input: unknown): Promise<{ id: number }>;
  updateEndpoint(id: number, patch: unknown): Promise<EndpointView>;
  removeEndpoint(id: number): Promise<void>;
  testEndpoint(id: number): Promise<EndpointTest>;
  listQuestionSets(): Promise<QuestionSetListItem[]>;
  showQuestionSet(id: number): Promise<QuestionSetView>;
  listBatches(): Promise<BatchListItem[]>;
  showBatch(id: number): Promise<BatchView>;
  launchBatch(input: unknown): Promise<{ batchId: number; generations: number; estimate: unknown }>;
  cancelBatch(id: number): Promise<void>;
  resumeBatch(id: number): Promise<{ generations: number; judgments: number }>;
  /** EM rates: the query as GET /api/v1/em's parameters (absent ones left out). */
  emCells(query: Record<string, string | undefined>): Promise<EmCell[]>;
  close(): Promise<void>;
}
