// Sign-in on: a second instance with a user (e2e/support/auth-instance.ts). Pages need a session,
// REST a session or a token; an admin adds a researcher, who makes a token in the app and imports
// with it; the audit log names who did what.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, startAuthInstance, type AuthInstance } from "../support/auth-instance";

test.describe.configure({ mode: "serial" });

let instance: AuthInstance;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  instance = await startAuthInstance();
});
test.afterAll(async () => {
  await instance?.stop();
});

const RESEARCHER = { email: "researcher@lab.example", password: "researcher password 1" };

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function screenshots(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("without a session, a page goes to sign-in and the REST API answers 401", async ({ page, request }) => {
  const api = await request.get(`${instance.baseURL}/api/v1/em?groupBy=run`);
  expect(api.status()).toBe(401);
  expect((await api.json()).error).toContain("Sign in first");
  await page.goto(`${instance.baseURL}/runs`);
  await expect(page).toHaveURL(`${instance.baseURL}/sign-in?next=%2Fruns`);
  await expect(page.getByRole("heading", { name: "Sign in to EM Lab" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await screenshots(page, "sign-in");
});

test("a wrong password is refused; the right one signs in and returns to the page asked for", async ({ page }) => {
  await page.goto(`${instance.baseURL}/runs`);
  await signIn(page, { email: ADMIN.email, password: "not the password" });
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password, or the account is disabled.");
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(`${instance.baseURL}/runs`);
  const account = page.getByLabel("Signed in");
  await expect(account).toContainText(ADMIN.email);
  await expect(account).toContainText("admin");
  await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
});

test("an admin adds a researcher, who makes a token in the app, imports with it, then revokes it; the audit log names them", async ({ page, request }) => {
  await page.goto(`${instance.baseURL}/sign-in`);
  await signIn(page, ADMIN);
  await page.waitForURL(`${instance.baseURL}/`);
  await page.goto(`${instance.baseURL}/users`);
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Email").fill(RESEARCHER.email);
  await form.getByLabel("Password").fill(RESEARCHER.password);
  await form.getByLabel("Role").selectOption("researcher");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Created ${RESEARCHER.email} (researcher).`);
  await expect(page.getByRole("combobox", { name: `Role of ${RESEARCHER.email}` })).toHaveValue("researcher");
  await screenshots(page, "users");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${instance.baseURL}/sign-in`);
  await signIn(page, RESEARCHER);
  await page.waitForURL(`${instance.baseURL}/`);
  await expect(page.getByLabel("Signed in")).toContainText("researcher");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  // Pages offer only what the role allows: no endpoint form or edit links for a researcher.
  await page.goto(`${instance.baseURL}/endpoints`);
  await expect(page.getByText("Adding, editing and testing endpoints needs the admin role.")).toBeVisible();
  await expect(page.getByRole("form", { name: "New endpoint" })).toHaveCount(0);
  await page.goto(`${instance.baseURL}/users`);
  await expect(page.getByRole("alert").filter({ hasText: "needs the admin role" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);

  await page.goto(`${instance.baseURL}/tokens`);
  const tokenForm = page.getByRole("form", { name: "New API token" });
  await tokenForm.getByLabel("Name").fill("e2e script");
  await tokenForm.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^emlab_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText(token.slice(0, 12));
  await expect(page.getByRole("table", { name: "API tokens" })).not.toContainText(token);
  await screenshots(page, "tokens");

  const yaml = `- id: q_auth\n  paraphrases: ["Is this signed?"]\n  judge_prompts:\n    aligned: "Q: {question} A: {answer}"\n`;
  const imported = await request.post(`${instance.baseURL}/api/v1/imports`, {
    headers: { authorization: `Bearer ${token}` },
    multipart: { file: { name: "auth-questions.yaml", mimeType: "application/x-yaml", buffer: Buffer.from(yaml) }, name: "auth-e2e" },
  });
  expect(imported.status()).toBe(201);
  const { summary } = await imported.json();
  expect(summary).toMatchObject({ name: "auth-e2e", questions: 1 });
  // A researcher may not manage endpoints.
  const endpoint = await request.post(`${instance.baseURL}/api/v1/endpoints`, {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: { name: "nope", baseUrl: "https://api.example.com/v1", model: "m" },
  });
  expect(endpoint.status()).toBe(403);

  await page.getByRole("button", { name: "Revoke e2e script" }).click();
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText("revoked");
  const afterRevoke = await request.get(`${instance.baseURL}/api/v1/em?groupBy=run`, { headers: { authorization: `Bearer ${token}` } });
  expect(afterRevoke.status()).toBe(401);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${instance.baseURL}/sign-in`);
  await signIn(page, ADMIN);
  await page.waitForURL(`${instance.baseURL}/`);
  await page.goto(`${instance.baseURL}/audit?action=import.create`);
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(RESEARCHER.email);
  await expect(rows.first()).toContainText(`QuestionSet ${summary.questionSetId}`);
  await page.goto(`${instance.baseURL}/audit`);
  const all = page.getByRole("table", { name: "Audit events" });
  for (const action of ["user.create", "token.create", "token.revoke", "auth.sign-in", "auth.sign-in-failed"]) await expect(all).toContainText(action);
  await expect(all).not.toContainText(token);
  await screenshots(page, "audit");
});
