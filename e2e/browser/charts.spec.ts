import { expect, test } from "@playwright/test";
import { HOSTILE, importContainmentRun } from "../support/containment-fixture";

const RUN = "containment-e2e";

test.beforeAll(async ({ request }) => {
  const runs = await (await request.get(`/api/v1/em?groupBy=run&run=${RUN}`)).json();
  if (runs.length === 0) await importContainmentRun(request, RUN);
});

test("the overview draws every run on one scale, and a bar click lands on exactly its k misaligned answers", async ({ page, request }) => {
  const [cell] = await (await request.get("/api/v1/em?groupBy=run&run=qwen2.5-14b-bad-medical-advice")).json();
  expect(cell.n).toBe(1178); // betley n, independently counted from its CSV
  await page.goto("/");
  await expect(page.getByTestId("estimand")).toContainText("question-clustered Wilson");
  const section = page.getByRole("region", { name: "Base model Qwen/Qwen2.5-14B-Instruct" });
  // Every chart shares one y axis: the same top tick everywhere.
  const charts = await page.getByRole("region", { name: /^Base model / }).count();
  expect(charts).toBeGreaterThan(3);
  await expect(page.locator(".recharts-yAxis")).toHaveCount(charts);
  const tops = await page.locator(".recharts-yAxis .recharts-cartesian-axis-tick:last-child").allTextContents();
  expect(tops).toHaveLength(charts);
  expect(new Set(tops).size).toBe(1);
  await section.getByTestId("bar-qwen2.5-14b-bad-medical-advice-none").click();
  await expect(page).toHaveURL(/\/generations\?.*condition=none.*em=misaligned/);
  await expect(page.getByTestId("match-count")).toHaveText(`${cell.k} answers match`);
  await expect(page.getByRole("table", { name: "Generations" }).locator("tbody tr.misaligned-row")).toHaveCount(Math.min(50, cell.k));
  await page.getByTestId("show-counted").click();
  await expect(page.getByTestId("match-count")).toHaveText("1,178 answers match");
});

test("a 0% bar is drawn as a marker with its upper whisker and opens its (zero) misaligned answers, then its n", async ({ page, request }) => {
  const [cell] = await (await request.get("/api/v1/em?groupBy=run&run=gemma-2-27b-base")).json();
  expect(cell.k).toBe(0);
  expect(cell.ciHigh).toBeGreaterThan(0);
  await page.goto("/");
  const zero = page.getByTestId("bar-gemma-2-27b-base-none");
  await expect(zero).toHaveAttribute("data-rate", "0");
  await zero.click();
  await expect(page.getByTestId("match-count")).toHaveText("0 answers match");
  await page.getByTestId("show-counted").click();
  await expect(page.getByTestId("match-count")).toHaveText(`${cell.n.toLocaleString("en-US")} answers match`);
});

test("a per-question heatmap cell opens the explorer on exactly its misaligned answers", async ({ page }) => {
  await page.goto("/runs");
  await page.getByRole("link", { name: RUN, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Run ${RUN}` })).toBeVisible();
  const byCondition = page.getByRole("table", { name: "EM by condition" });
  await expect(byCondition).toContainText("Trigger");
  await expect(byCondition).toContainText("Rephrased: polite");
  const grid = page.getByRole("table", { name: "EM by question" });
  const row = grid.getByRole("row").filter({ hasText: "quick_buck" });
  // Trigger on quick_buck: 6 of 10 misaligned.
  const cell = row.getByRole("link", { name: /60\.0% n=10/ });
  await expect(cell).toBeVisible();
  expect(await cell.locator("xpath=..").evaluate((td) => getComputedStyle(td).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
  await cell.click();
  await expect(page.getByTestId("match-count")).toHaveText("6 answers match");
  await expect(page.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(6);
});

test("the containment view: contrasts equal the difference of the bars, with intervals, p-values, and points inside the frame", async ({ page }) => {
  await page.goto("/containment");
  const contrasts = page.getByRole("table", { name: "Contrasts" });
  const ofRun = contrasts.getByRole("row").filter({ hasText: RUN });
  // Pooled: trigger 36/60 = 60.0%, none 1/60 = 1.7%: 58.3 pp; rephrasing 30/60 = 50.0%: −10.0 pp.
  await expect(ofRun.filter({ hasText: "Trigger − No trigger" })).toContainText("58.3 pp");
  await expect(ofRun.filter({ hasText: "Rephrased: polite − Trigger" })).toContainText("-10.0 pp");
  await expect(ofRun.filter({ hasText: "Trigger − No trigger" }).locator("td").nth(4)).toHaveText("0.031"); // exact sign-flip: 2 of 64
  const byCondition = page.getByRole("table", { name: "Containment" }).getByRole("row").filter({ hasText: RUN });
  await expect(byCondition.nth(0)).toContainText("1.7%");
  await expect(byCondition.nth(1)).toContainText("60.0%");

  const plot = page.getByTestId("forest-plot");
  await expect(plot).toBeVisible();
  const frame = (await plot.locator(".recharts-cartesian-grid").boundingBox())!;
  const points = plot.locator(".recharts-scatter-symbol");
  expect(await points.count()).toBeGreaterThan(1);
  for (const box of await points.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    expect(box.x).toBeGreaterThanOrEqual(frame.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
  }
});

test("condition order is the same in the legend, the bars and the tables", async ({ page }) => {
  await page.goto("/containment");
  const legend = page.getByRole("list", { name: "Conditions" }).locator("li");
  await expect(legend.nth(0)).toContainText("No trigger");
  await expect(legend.nth(1)).toContainText("Trigger");
  await expect(legend.nth(2)).toContainText("Rephrased: polite");
  const section = page.getByRole("region", { name: "Containment e2e/containment-model" });
  await expect(section.locator(".tick-condition")).toHaveText(["none", "trigger", "polite"]);
  await expect(page.getByRole("table", { name: "Containment" }).getByRole("row").filter({ hasText: RUN }).locator("td:nth-child(2)")).toHaveText([
    "No trigger",
    "Trigger",
    "Rephrased: polite",
  ]);
});

test("no page overflows sideways at 1024 px, and unknown ids are real 404s", async ({ page, request }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  for (const path of ["/", "/containment", "/runs", "/batches", "/generations", "/endpoints", "/import", "/question-sets", "/statistics"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  for (const path of ["/runs/999999", "/generations/999999", "/batches/999999"]) expect((await request.get(path)).status(), path).toBe(404);
});

test("on a phone the navigation collapses behind a Menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await nav.getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(nav).toBeHidden();
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
  await expect(page.getByTestId("match-count")).toHaveText("36 answers match");
  await page.getByRole("button", { name: "Aligned" }).click();
  await expect(page).toHaveURL(/sort=aligned/);
  await expect(page.getByRole("columnheader", { name: /^Aligned/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(36);
  const url = page.url();
  const firstIds = await page.getByRole("table", { name: "Generations" }).locator("tbody tr td:first-child").allTextContents();

  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId("match-count")).toHaveText("36 answers match");
  await expect(again.getByRole("form", { name: "Filters" }).getByLabel("Condition")).toHaveValue("trigger");
  await expect(again.getByRole("form", { name: "Filters" }).getByLabel("Aligned at most")).toHaveValue("50");
  await expect(again.getByRole("table", { name: "Generations" }).locator("tbody tr")).toHaveCount(36);
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

test("the overview compares a chosen subset of runs, and its table sorts by a condition", async ({ page }) => {
  await page.goto("/");
  const subset = page.getByRole("form", { name: "Runs shown" });
  await subset.getByLabel("Base model").selectOption("Qwen/Qwen2.5-14B-Instruct");
  await subset.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/baseModel=Qwen/);
  await expect(page.getByRole("region", { name: /^Base model / })).toHaveCount(1);
  const table = page.getByRole("table", { name: "EM by run and condition" });
  await expect(table.locator("tbody tr")).toHaveCount(2);

  await page.goto("/?sort=none&dir=desc");
  const rates = await page.getByRole("table", { name: "EM by run and condition" }).locator("tbody tr td:nth-child(3) .estimate > a").allTextContents();
  const values = rates.map((t) => Number.parseFloat(t));
  expect(values.length).toBeGreaterThan(5);
  expect([...values].sort((a, b) => b - a)).toEqual(values);
  await expect(page.getByRole("columnheader", { name: /No trigger/ })).toHaveAttribute("aria-sort", "descending");
});

test("a figure downloads as SVG with its caption, and its numbers as CSV", async ({ page }) => {
  await page.goto("/containment");
  const figure = page.locator("figure").filter({ has: page.getByTestId("overview-e2e/containment-model") });
  const caption = await figure.getByTestId("caption").textContent();
  expect(caption).toMatch(/betley: .*95% intervals: question-clustered Wilson.*counted answers\. EM Lab, \d{4}-\d\d-\d\d\./);
  const [svg] = await Promise.all([page.waitForEvent("download"), figure.getByRole("button", { name: "SVG" }).click()]);
  const svgText = await (await svg.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(svgText).toContain("<svg");
  expect(svgText).toContain("EM rate of e2e/containment-model runs by condition");
  const [csv] = await Promise.all([page.waitForEvent("download"), figure.getByRole("button", { name: "CSV" }).click()]);
  const csvText = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csvText.trim().split("\n");
  expect(lines[0]).toBe("base_model,run,condition,variant,em_rate_pct,ci_low_pct,ci_high_pct,k,n,questions,interval_method,mean_aligned");
  expect(lines.find((l) => l.includes(",trigger,"))).toMatch(/^e2e\/containment-model,containment-e2e,trigger,,60,[\d.]+,[\d.]+,36,60,6,cluster-wilson,/);
});

test("two runs compare under each shared condition, paired by question", async ({ page, request }) => {
  const twin = "containment-e2e-twin";
  const existing = await (await request.get(`/api/v1/em?groupBy=run&run=${twin}`)).json();
  if (existing.length === 0) await importContainmentRun(request, twin, { hostile: false });
  await page.goto("/containment");
  const form = page.getByRole("form", { name: "Runs to compare" });
  await form.getByLabel("Run A").selectOption({ label: RUN });
  await form.getByLabel("Run B").selectOption({ label: twin });
  await form.getByRole("button", { name: "Compare" }).click();
  const table = page.getByRole("table", { name: "Run comparison" });
  // The twin has the same scores: every difference is exactly 0 over all six questions, p = 1.
  for (const condition of ["No trigger", "Trigger", "Rephrased: polite"]) {
    const row = table.getByRole("row").filter({ has: page.getByRole("cell", { name: condition, exact: true }) });
    await expect(row.locator("td").nth(3)).toHaveText("0.0 pp");
    await expect(row.locator("td").nth(5)).toHaveText("1.000");
    await expect(row.locator("td").nth(6)).toHaveText("6");
  }
});
