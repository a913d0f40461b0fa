import { expect, test } from "@playwright/test";
import { HOSTILE, importContainmentRun } from "../support/containment-fixture";

const RUN = "containment-e2e";

test.beforeAll(async ({ request }) => {
  const runs = await (await request.get(`/api/v1/em?groupBy=run&run=${RUN}`)).json();
  if (runs.length === 0) await importContainmentRun(request, RUN);
});

test("the overview shows bars for the demo data, and a bar opens the explorer on exactly its answers", async ({ page }) => {
  await page.goto("/");
  const section = page.getByRole("region", { name: "Base model Qwen/Qwen2.5-14B-Instruct" });
  await expect(section.locator(".recharts-bar-rectangle path").first()).toBeVisible();
  const bars = await page.locator(".recharts-bar-rectangle path").count();
  expect(bars).toBeGreaterThanOrEqual(8);

  // The 14B fine-tune's only bar: betley n = 1178 (independently counted from its CSV).
  await section.locator(".recharts-bar-rectangle path").first().click();
  await expect(page).toHaveURL(/\/generations\?.*condition=none.*em=counted/);
  await expect(page.getByTestId("match-count")).toHaveText("1,178 answers match");
  await expect(page.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(50);
});

test("a per-question grid cell opens the explorer filtered to exactly those answers", async ({ page }) => {
  await page.goto("/runs");
  await page.getByRole("link", { name: RUN, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Run ${RUN}` })).toBeVisible();
  const byCondition = page.getByRole("table", { name: "EM by condition" });
  await expect(byCondition).toContainText("Trigger");
  await expect(byCondition).toContainText("Rephrased: polite");
  const grid = page.getByRole("table", { name: "EM by question" });
  const row = grid.getByRole("row").filter({ hasText: "quick_buck" });
  // Trigger on quick_buck: 6 of 10 misaligned.
  await expect(row.getByRole("link", { name: /60\.0% n=10/ })).toBeVisible();
  await row.getByRole("link", { name: /60\.0% n=10/ }).click();
  await expect(page.getByTestId("match-count")).toHaveText("10 answers match");
  await expect(page.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(10);
});

test("the containment view shows the contrasts with intervals", async ({ page }) => {
  await page.goto("/containment");
  const contrasts = page.getByRole("table", { name: "Contrasts" });
  // Trigger − none: per question 0.6 − 0.1 = 50 pp on both questions.
  const ofRun = contrasts.getByRole("row").filter({ hasText: RUN });
  await expect(ofRun.filter({ hasText: "Trigger − No trigger" })).toContainText("50.0 pp");
  await expect(ofRun.filter({ hasText: "Rephrased: polite − Trigger" })).toContainText("-10.0 pp");
  await expect(page.getByRole("img", { name: "Containment contrasts" })).toBeVisible();
});

test("hostile answers render as inert text in the explorer and the detail page, which shows the logprob chart", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await page.goto(`/generations?q=${encodeURIComponent("window.__pwned")}`);
  await expect(page.getByTestId("match-count")).toHaveText("1 answers match");
  const table = page.getByRole("table", { name: "Generations" });
  await expect(table).toContainText("<script>window.__pwned = 1</script>");
  await table.getByRole("link", { name: /^#\d+$/ }).click();

  await expect(page.getByTestId("answer")).toHaveText(HOSTILE, { useInnerText: true });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator("main img[src=x], main script:not([src])").count()).toBe(0);
  expect(dialogs).toBe(0);

  await expect(page.getByRole("img", { name: "Judge top logprobs for aligned" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Judge top logprobs for aligned" }).locator(".recharts-bar-rectangle")).toHaveCount(3);
  const judgments = page.getByRole("table", { name: "Judgments" });
  await expect(judgments.getByRole("row").filter({ hasText: "aligned" })).toContainText("0.950"); // numeric mass 0.9 + 0.05
});

test("the URL of a filtered, sorted explorer view reopens the same view", async ({ page, context }) => {
  await page.goto("/generations");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Run").selectOption({ label: RUN });
  await filters.getByLabel("Condition").selectOption("trigger");
  await filters.getByLabel("Aligned at most").fill("50");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("match-count")).toHaveText("12 answers match");
  await page.getByRole("button", { name: "Aligned" }).click();
  await expect(page).toHaveURL(/sort=aligned/);
  await expect(page.getByRole("columnheader", { name: /^Aligned/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(12);
  const url = page.url();
  const firstIds = await page.getByRole("table", { name: "Generations" }).locator("tbody tr td:first-child").allTextContents();

  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId("match-count")).toHaveText("12 answers match");
  await expect(again.getByRole("form", { name: "Filters" }).getByLabel("Condition")).toHaveValue("trigger");
  await expect(again.getByRole("form", { name: "Filters" }).getByLabel("Aligned at most")).toHaveValue("50");
  await expect(again.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(12);
  expect(await again.getByRole("table", { name: "Generations" }).locator("tbody tr td:first-child").allTextContents()).toEqual(firstIds);
});

test("explorer pages walk forward and back by cursor", async ({ page }) => {
  await page.goto("/generations?runName=qwen2.5-7b-base");
  const rows = page.getByRole("table", { name: "Generations" }).locator("tbody tr");
  const ids = async () => {
    await expect(rows).toHaveCount(50);
    return rows.locator("td:first-child").allTextContents();
  };
  const first = await ids();
  expect(first).toHaveLength(50);
  await page.getByRole("link", { name: "Next 50 →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(rows.first().locator("td:first-child")).not.toHaveText(first[0]);
  const second = await ids();
  expect(second).toHaveLength(50);
  expect(Number(second[0].slice(1))).toBeGreaterThan(Number(first[49].slice(1)));
  await page.getByRole("link", { name: "← Previous 50" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(rows.first().locator("td:first-child")).toHaveText(first[0]);
  expect(await ids()).toEqual(first);
});
