import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const width of [1024, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 1400 } });
  await page.goto("http://localhost:3550/api-docs", { waitUntil: "networkidle" });
  await page.locator("#postImports").screenshot({ path: `/tmp/tools-shot-imports-op-${width}.png` });
  await page.locator("#patchRunsId").screenshot({ path: `/tmp/tools-shot-patch-run-${width}.png` });
  await page.close();
}
await browser.close();
