import { expect, test } from "@playwright/test";

test("the endpoint form refuses a key variable outside the allowlist and a base URL with a query, with field errors", async ({ page }) => {
  const name = `leak-${Date.now().toString(36)}`;
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "New endpoint" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Base URL").fill("https://evil.example/anything?");
  await form.getByLabel("Model id").fill("m");
  await form.getByLabel("API key variable").fill("DATABASE_URL");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByRole("alert").first()).toHaveText("Some fields are invalid.");
  await expect(form).toContainText("A base URL has no query (?...).");

  const again = page.getByRole("form", { name: "New endpoint" });
  await again.getByLabel("Base URL").fill("https://api.example.com/v1");
  await again.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("form", { name: "New endpoint" })).toContainText("DATABASE_URL is not an allowed key variable");
  await expect(page.getByRole("table", { name: "Endpoints" })).not.toContainText(name);
});
