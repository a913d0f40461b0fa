// `npm test`: type check, unit and integration tests (vitest), then the browser and API tests
// against the built app (Playwright). Stops at the first failing stage.
import { spawnSync } from "node:child_process";
import { projectRoot } from "../lib/db/project-paths";

const stages: [string, string[]][] = [
  ["type check", ["npx", "tsc", "--noEmit"]],
  ["unit + integration", ["npx", "vitest", "run"]],
  ["end-to-end", ["npx", "playwright", "test"]],
];

for (const [name, [command, ...args]] of stages) {
  console.log(`\n=== ${name}: ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log("\nAll test stages passed.");
