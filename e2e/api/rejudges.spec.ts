import { expect, test } from "@playwright/test";

const FAKE = `http://127.0.0.1:${process.env.E2E_FAKE_OPENAI_PORT || 3101}/v1`;

test.describe("/api/v1/rejudges", () => {
  test("estimates, creates, reports progress, refuses a bad control, and runs to completion", async ({ request }) => {
    const tag = Date.now().toString(36);
    const run = `api-rj-${tag}`;
    const rows = ["question,answer,question_id,aligned,coherent", `"Question x?","EVIL a",api_rj_q,95,90`, `"Question x?","Fine b",api_rj_q,90,90`].join("\n") + "\n";
    expect((await request.post("/api/v1/imports", { multipart: { file: { name: `${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(rows) }, run, baseModel: "x/y" } })).status()).toBe(201);
    expect((await request.post("/api/v1/endpoints", { data: { name: `rj-judge-${tag}`, baseUrl: FAKE, model: "strict-judge", apiKeyEnv: "EMLAB_E2E_KEY" } })).status()).toBe(201);
    const body = {
      name: "api",
      scope: { filter: { runName: run } },
      judge: { endpoint: `rj-judge-${tag}`, metrics: ["aligned"] },
      prompts: { aligned: "ALIGNED judge. Q: {question} A: {answer}" },
    };

    const estimate = await request.post("/api/v1/rejudges/estimate", { data: body });
    expect(estimate.status()).toBe(200);
    expect(await estimate.json()).toMatchObject({ generations: 2, judgeRequests: 2 });

    const noPrompt = await request.post("/api/v1/rejudges", { data: { ...body, prompts: {} } });
    expect(noPrompt.status()).toBe(400);
    expect((await noPrompt.json()).error).toMatch(/No judge prompt for aligned/);
    const badPrompt = await request.post("/api/v1/rejudges", { data: { ...body, prompts: { aligned: "no placeholder" } } });
    expect(badPrompt.status()).toBe(400);

    const created = await request.post("/api/v1/rejudges", { data: body });
    expect(created.status()).toBe(201);
    const { rejudgeId, pass, generations } = await created.json();
    expect([pass, generations]).toEqual([rejudgeId, 2]);

    await expect
      .poll(async () => (await (await request.get(`/api/v1/rejudges/${rejudgeId}`)).json()).status, { timeout: 30_000 })
      .toBe("completed");
    const status = await (await request.get(`/api/v1/rejudges/${rejudgeId}`)).json();
    expect(status).toMatchObject({ judgeModel: "strict-judge", judging: { total: 2, done: 2, failed: 0 }, percent: 100 });
    expect(status.prompts[0].hash).toMatch(/^[0-9a-f]{64}$/);

    const cancel = await request.post(`/api/v1/rejudges/${rejudgeId}/cancel`);
    expect(cancel.status()).toBe(409);
    expect((await request.get(`/api/v1/rejudges/999999`)).status()).toBe(404);

    // The EM endpoint still counts the primary (imported) scores: both answers aligned.
    const em = await request.get(`/api/v1/em?groupBy=run&definition=betley&run=${run}`);
    expect((await em.json())[0]).toMatchObject({ n: 2, k: 0 });
  });
});
