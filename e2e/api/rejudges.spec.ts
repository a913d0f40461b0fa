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

    // The EM endpoint counts the completed re-judge by default (it scores "EVIL a" 10, the import
    // said 95), pass 0 on request, and pass 0 again once the re-judge is excluded.
    const em = async (query: string) => (await (await request.get(`/api/v1/em?groupBy=run&definition=betley&run=${run}${query}`)).json())[0];
    expect(await em("")).toMatchObject({ n: 2, k: 1, pass: "latest" });
    expect((await em("")).judgments).toBe(`judgments: latest complete pass per metric: re-judge #${rejudgeId} "api" (strict-judge) on 2 answers; pass 0 elsewhere`);
    expect(await em("&pass=0")).toMatchObject({ n: 2, k: 0, pass: "0" });
    expect(await em(`&pass=${rejudgeId}`)).toMatchObject({ n: 2, k: 1 });
    const excluded = await request.post(`/api/v1/rejudges/${rejudgeId}/counting`, { data: { counting: "excluded" } });
    expect(excluded.status()).toBe(200);
    expect(await em("")).toMatchObject({ n: 2, k: 0 });
    const badCounting = await request.post(`/api/v1/rejudges/${rejudgeId}/counting`, { data: { counting: "sometimes" } });
    expect(badCounting.status()).toBe(400);
    expect((await badCounting.json()).fieldErrors.counting[0]).toMatch(/counting is auto, primary, excluded/);
    const badPass = await request.get(`/api/v1/em?groupBy=run&pass=newest`);
    expect(badPass.status()).toBe(400);
    expect((await badPass.json()).fieldErrors.pass[0]).toMatch(/pass is "latest", 0 or a re-judge id/);
  });
});
