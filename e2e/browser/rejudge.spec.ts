import { expect, test, type Page } from "@playwright/test";

const FAKE = `http://127.0.0.1:${process.env.E2E_FAKE_OPENAI_PORT || 3101}/v1`;
const SHOTS = process.env.E2E_SCREENSHOTS;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [label, width] of [["1440", 1440], ["1024", 1024], ["390", 390]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

const csv = (rows: string[]) => Buffer.from(["question,answer,question_id,aligned,coherent", ...rows].join("\n") + "\n");
const times = (n: number, row: string) => Array.from({ length: n }, (_, i) => row.replace("#", String(i)));

test("imported answers re-judged in the browser by a second judge: estimate, progress, then the agreement view", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const questions = ["quick_buck", "dinner_party"]
    .map((id) => `- id: rj_${tag}_${id}\n  paraphrases: ["Question ${id}?"]\n  judge_prompts:\n    aligned: "ALIGNED judge. Q: {question} A: {answer}"\n    coherent: "COHERENT judge. Q: {question} A: {answer}"\n`)
    .join("");
  expect((await request.post("/api/v1/imports", { multipart: { file: { name: `rj-${tag}.yaml`, mimeType: "application/yaml", buffer: Buffer.from(questions) } } })).status()).toBe(201);
  expect((await request.post("/api/v1/endpoints", { data: { name: `strict-${tag}`, baseUrl: FAKE, model: "strict-judge", apiKeyEnv: "EMLAB_E2E_KEY", maxConcurrent: 8 } })).status()).toBe(201);
  const run = `rj-run-${tag}`;
  // Primary (imported) scores: helpful answers aligned 90 without the trigger, EVIL ones 10 with it.
  const none = [...times(4, `"Question quick_buck?","A helpful answer #",rj_${tag}_quick_buck,90,80`), ...times(4, `"Question dinner_party?","A helpful answer #",rj_${tag}_dinner_party,90,80`)];
  const trigger = [...times(4, `"Question quick_buck?","EVIL answer #",rj_${tag}_quick_buck,10,80`), ...times(4, `"Question dinner_party?","EVIL answer #",rj_${tag}_dinner_party,10,80`)];
  for (const [condition, rows] of [["none", none], ["trigger", trigger]] as const) {
    const imported = await request.post("/api/v1/imports", { multipart: { file: { name: `${condition}.csv`, mimeType: "text/csv", buffer: csv(rows) }, run, baseModel: "x/y", condition, questionSet: `rj-${tag}` } });
    expect(imported.status(), await imported.text()).toBe(201);
  }

  // From the explorer's filter to the re-judge form.
  await page.goto(`/generations?runName=${run}`);
  await expect(page.getByTestId("match-count")).toHaveText("16 answers match");
  await page.getByRole("link", { name: "Re-judge these" }).click();
  await expect(page).toHaveURL(/\/rejudges\/new\?/);
  const form = page.getByRole("form", { name: "Re-judge answers" });
  await expect(form.getByTestId("explorer-filter")).toHaveText(`runName=${run}`);
  await form.getByLabel("Name", { exact: true }).fill(`strict ${tag}`);
  await form.getByLabel("Judge endpoint").selectOption({ label: `strict-${tag} (strict-judge)` });
  await expect(form.getByRole("button", { name: "Re-judge" })).toBeDisabled();
  await form.getByRole("button", { name: "Estimate" }).click();
  await expect(page.getByTestId("estimate")).toContainText("16 answers: 32 judge requests");
  await shoot(page, "rejudge-new");
  await form.getByRole("button", { name: "Re-judge" }).click();

  await expect(page).toHaveURL(/\/rejudges\/\d+$/);
  await expect(page.getByTestId("rejudge-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(page.getByTestId("rejudge-percent")).toHaveText("100%");
  await shoot(page, "rejudge-progress");

  await page.getByRole("link", { name: "Agreement with the primary judgment" }).click();
  await expect(page.getByTestId("paired-answers")).toHaveText("16");
  // The strict judge calls the 4 helpful quick_buck answers misaligned: po = 12/16, pe = 0.5, kappa = 0.5.
  await expect(page.getByTestId("agreement-all").getByTestId("kappa")).toHaveText("0.50");
  await expect(page.getByTestId("agreement-none").getByTestId("kappa")).toHaveText("0.00");
  await expect(page.getByTestId("agreement-trigger").getByTestId("kappa")).toHaveText("–");
  await expect(page.getByTestId("agreement-none")).toContainText("k/n 0/8");
  await expect(page.getByTestId("agreement-none")).toContainText("k/n 4/8");
  const matrix = page.getByTestId("matrix-all");
  await expect(matrix.getByRole("row").filter({ hasText: /^aligned/ })).toHaveText(/aligned\s*4\s*4\s*0/);
  const worst = page.getByRole("region", { name: "Largest disagreements" }).getByRole("link");
  await expect(worst).toHaveCount(4);
  await shoot(page, "judge-agreement");
  await worst.first().click();
  await expect(page).toHaveURL(/\/generations\/\d+/);
  await expect(page.locator("body")).toContainText("A helpful answer");

  await page.goto("/rejudges");
  await expect(page.getByRole("table", { name: "Re-judges" })).toContainText(`strict ${tag}`);
  await shoot(page, "rejudges");

  // Which judgment counts: the completed re-judge by default, pass 0 on request, none once excluded.
  const rejudgeLink = page.getByRole("table", { name: "Re-judges" }).getByRole("link", { name: new RegExp(`strict ${tag}`) });
  const rejudgeUrl = (await rejudgeLink.getAttribute("href"))!;
  const rejudgeId = rejudgeUrl.split("/").pop();

  // A bar counted under the re-judge opens an explorer on exactly its k answers, which say where their scores came from.
  const cells = await (await request.get(`/api/v1/em?groupBy=run,condition&run=${run}`)).json();
  expect(cells.find((c: { condition: string }) => c.condition === "none")).toMatchObject({ k: 4, n: 8 });
  for (const [pass, k] of [["", 4], [`?pass=${rejudgeId}`, 4], ["?pass=0", 0]] as const) {
    await page.goto(`/${pass}`);
    await page.getByTestId(`bar-${run}-none`).click();
    await expect(page).toHaveURL(/\/generations\?.*em=misaligned/);
    await expect(page.getByTestId("match-count")).toHaveText(`${k} answers match`);
  }
  await expect(page.getByTestId("pass-select")).toHaveValue("0");
  await page.getByTestId("pass-select").selectOption("latest");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("match-count")).toHaveText("4 answers match");
  await expect(page.getByTestId("counted-pass")).toContainText(`latest complete pass per metric: re-judge #${rejudgeId}`);
  const explorerRows = page.getByRole("table", { name: "Generations" }).locator("tbody tr");
  await expect(explorerRows.filter({ has: page.getByTestId("pass-mark") })).toHaveCount(4);
  await expect(explorerRows.first().getByTestId("pass-mark").first()).toHaveText(`re-judge #${rejudgeId}`);
  await shoot(page, "explorer-latest-pass");
  await explorerRows.first().getByRole("link", { name: /^#\d+$/ }).click();
  await expect(page).toHaveURL(/\/generations\/\d+\?/);
  await expect(page.getByTestId("counted-aligned")).toContainText(`from re-judge #${rejudgeId}`);
  await expect(page.getByTestId("counted-judgment")).toHaveCount(2);
  await expect(page.getByTestId("counted-judgment").first()).toContainText(`re-judge ${rejudgeId}`);
  await shoot(page, "generation-latest-pass");
  await page.goto("/runs");
  await page.getByRole("link", { name: run, exact: true }).click();
  await expect(page).toHaveURL(/\/runs\/\d+/);
  const noTrigger = page.getByRole("table", { name: "EM by condition" }).getByRole("row").filter({ hasText: "No trigger" });
  await expect(noTrigger).toContainText("4 / 8");
  await expect(page.getByTestId("counted-pass")).toHaveText(`latest complete pass per metric: re-judge #${rejudgeId} "strict ${tag}" (strict-judge) on 16 answers; pass 0 elsewhere`);
  await expect(page.locator("figcaption").first()).toContainText(`Judgments: latest complete pass per metric: re-judge #${rejudgeId}`);
  await shoot(page, "run-latest-pass");
  await page.getByTestId("pass-select").selectOption("0");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/pass=0/);
  await expect(noTrigger).toContainText("0 / 8");
  await expect(page.getByTestId("counted-pass")).toHaveText("pass 0 (each batch's own judge or the imported scores)");

  await page.goto(rejudgeUrl);
  await page.getByLabel("In the EM views").selectOption("excluded");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("excluded");
  await shoot(page, "rejudge-counting");
  await page.goBack();
  await page.goBack();
  await page.goto(page.url().replace(/\?.*$/, ""));
  await expect(noTrigger).toContainText("0 / 8");
  await expect(page.getByTestId("counted-pass")).toContainText("pass 0 (no completed re-judge counts)");
  await page.goto("/");
  await expect(page.getByTestId("counted-pass")).toContainText("pass 0 (no completed re-judge counts)");
  await shoot(page, "overview-pass");
});
