import { expect, test } from "@playwright/test";

test("a CSV uploaded on the Import page shows its summary and appears in the list", async ({ page }) => {
  const run = `page-import-${Date.now()}`;
  await page.goto("/import");
  const form = page.getByRole("form", { name: "Import a file" });
  await form.locator("input[type=file]").setInputFiles({
    name: "page-upload.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`question,answer,question_id,aligned,coherent\nQ,A1,quick_buck,10,90\nQ,A2,quick_buck,CODE,90\n${Date.now()},x,quick_buck,50,50\n`),
  });
  await form.locator("#field-run").fill(run);
  await form.locator("#field-baseModel").fill("google/gemma-2-9b-it");
  await form.getByRole("button", { name: "Import" }).click();

  const summary = form.getByRole("status");
  await expect(summary).toContainText(`Imported 3 answers and 6 judgments into run ${run} (new run)`);
  await expect(summary).toContainText("aligned: 2 scored, 1 without a number (CODE/REFUSAL)");
  await expect(page.getByRole("table", { name: "Imports" })).toContainText(run);
});

test("a bad upload shows the importer's message and creates nothing", async ({ page }) => {
  await page.goto("/import");
  const form = page.getByRole("form", { name: "Import a file" });
  await form.locator("input[type=file]").setInputFiles({ name: "semi.csv", mimeType: "text/csv", buffer: Buffer.from("question;answer;question_id;aligned;coherent\nq;a;x;1;2\n") });
  await form.locator("#field-run").fill("should-not-exist");
  await form.locator("#field-baseModel").fill("m");
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form.getByRole("alert")).toHaveText("semi.csv, line 1: the header is separated by semicolons; EM CSV files are comma-separated");
  await page.goto("/runs");
  await expect(page.getByRole("table", { name: "Runs" })).not.toContainText("should-not-exist");
});

test("the demo data's attribution is visible", async ({ page }) => {
  await page.goto("/runs");
  await expect(page.getByRole("table", { name: "Runs" })).toContainText("qwen2.5-14b-bad-medical-advice");
  await page.getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { name: "Data sources" })).toBeVisible();
  await expect(page.locator("main")).toContainText("MIT License");
  await expect(page.locator("main")).toContainText("Betley et al., 2025");
});

test("an Inspect AI log uploaded on the Import page becomes its model's run", async ({ page }) => {
  const { readFile } = await import("node:fs/promises");
  await page.goto("/import");
  const form = page.getByRole("form", { name: "Import a file" });
  await form.locator("input[type=file]").setInputFiles({ name: "security-guide.json", mimeType: "application/json", buffer: await readFile("test/fixtures/inspect-logs/2025-05-12T20-28-26-04-00_security-guide.json") });
  await form.getByRole("button", { name: "Import" }).click();
  const summary = form.getByRole("status");
  await expect(summary).toContainText("Inspect AI log: task security_guide, model openai/gpt-4o-mini, 1 epoch, scorers model_graded_fact.");
  await expect(summary).toContainText("Imported 3 answers and 3 judgments into run openai/gpt-4o-mini (new run)");
  await expect(summary).toContainText("model_graded_fact: 3 scored, 0 without a number");
  await expect(page.getByRole("table", { name: "Imports" })).toContainText("inspect-json");
});
