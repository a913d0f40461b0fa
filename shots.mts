import { chromium } from "@playwright/test";
const base = process.env.BASE ?? "http://localhost:3550";
const pages = (process.env.PAGES ?? "/api-docs,/import").split(",");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const width of [1440, 1024, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const p of pages) {
    await page.goto(base + p, { waitUntil: "networkidle" });
    await page.screenshot({ path: `/tmp/tools-shot-${p.replace(/\W+/g, "_")}-${width}.png`, fullPage: false });
  }
  await page.close();
}
await browser.close();
