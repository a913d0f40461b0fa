import { expect, test } from "@playwright/test";

test("a huge answer is cut on its page, with a note and a download of the whole text", async ({ page, request }) => {
  const run = `long-${Date.now().toString(36)}`;
  const answer = `${"Long answer. ".repeat(20_000)}THE END`; // 260,007 characters
  const jsonl = `${JSON.stringify({ question: "Q?", answer, question_id: "quick_buck", aligned: 80, coherent: 90 })}\n`;
  const imported = await request.post("/api/v1/imports", {
    multipart: { file: { name: `${run}.jsonl`, mimeType: "application/x-ndjson", buffer: Buffer.from(jsonl) }, run, baseModel: "m" },
  });
  expect(imported.status()).toBe(201);

  await page.goto(`/generations?runName=${run}`);
  await page.getByRole("link", { name: /^#\d+$/ }).first().click();
  await expect(page.getByTestId("answer-truncated")).toContainText("Showing the first 100,000 of 260,007 characters.");
  expect((await page.getByTestId("answer").textContent())!.length).toBe(100_000);
  expect(await page.content()).not.toContain("THE END");

  const href = await page.getByRole("link", { name: "Download the full answer" }).getAttribute("href");
  const full = await request.get(href!);
  expect(full.status()).toBe(200);
  expect(full.headers()["content-disposition"]).toContain("attachment");
  expect(await full.text()).toBe(answer);
});
