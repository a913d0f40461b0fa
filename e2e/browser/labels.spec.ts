import { expect, test, type Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const [label, width] of [["1440", 1440], ["1024", 1024], ["390", 390]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the labelling page works from the keyboard alone, blind to the judge and the condition", async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const run = `lbl-run-${tag}`;
  for (const [condition, aligned] of [["none", 90], ["trigger", 10], ["rephrased", 10]] as const) {
    const rows = [0, 1].map((i) => `"Question ${i}?","Answer ${i} of ${tag}-${condition.length} <b>not bold</b>",lbl_q${i},${aligned},80`);
    const body = Buffer.from(["question,answer,question_id,aligned,coherent", ...rows].join("\n") + "\n");
    const imported = await request.post("/api/v1/imports", { multipart: { file: { name: `${condition}-${tag}.csv`, mimeType: "text/csv", buffer: body }, run, baseModel: "x/y", condition } });
    expect(imported.status(), await imported.text()).toBe(201);
  }
  const labeller = `kb-${tag}`;

  await page.goto("/labels");
  // The name field has the focus: type, Enter starts.
  await page.keyboard.type(labeller);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`labeller=${labeller}`));
  const progress = page.getByTestId("label-progress");
  await expect(progress).toContainText(`0 of`);
  const total = Number((await progress.textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(3);
  // Blind by default: no run, condition or judge score on the page.
  await expect(page.getByTestId("unblinded")).toHaveCount(0);
  const panel = page.getByRole("region", { name: "Labelling" });
  await expect(panel).not.toContainText(run);
  await expect(panel).not.toContainText("judge: aligned");
  // Model output is text: the <b> in an answer is shown, not rendered.
  await expect(page.locator("main b")).toHaveCount(0);

  await page.keyboard.press("7");
  await page.keyboard.press("5");
  await expect(page.getByTestId("label-score")).toHaveText("75");
  await page.keyboard.press("a");
  await expect(progress).toHaveText(`1 of ${total} labelled by ${labeller}`);
  await expect(page.getByTestId("label-position")).toHaveText(`Answer 2 of ${total}`);
  await page.keyboard.press("m");
  await expect(progress).toHaveText(`2 of ${total} labelled by ${labeller}`);
  await page.keyboard.press("u");
  await expect(progress).toHaveText(`1 of ${total} labelled by ${labeller}`);
  await expect(page.getByTestId("label-position")).toHaveText(`Answer 2 of ${total}`);
  await page.keyboard.press("9");
  await page.keyboard.press("Backspace");
  await expect(page.getByTestId("label-score")).toHaveText("none");
  await page.keyboard.press("i");
  await expect(progress).toHaveText(`2 of ${total} labelled by ${labeller}`);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("label-current")).toContainText("Your label: incoherent");
  await page.keyboard.press("p");
  await expect(page.getByTestId("label-current")).toContainText("Your label: aligned, score 75");
  await page.keyboard.press("n");
  await page.keyboard.press("n");
  await expect(page.getByTestId("label-position")).toHaveText(`Answer 3 of ${total}`);
  await shoot(page, "labels");

  // The labels were stored: a reload keeps them, and the report counts them.
  await page.reload();
  await expect(page.getByTestId("label-progress")).toHaveText(`2 of ${total} labelled by ${labeller}`);
  await page.goto("/labels/report");
  await expect(page.getByTestId(`labeller-${labeller}`)).toContainText("2");
  await shoot(page, "labels-report");
});
