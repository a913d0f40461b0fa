import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // The real package throws outside React Server Components; tests call server code directly.
      "server-only": path.join(root, "test/support/server-only.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", env: { PORT: "3000" } } },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/postgres-global-setup.ts"],
          // The operator's settings the tests need: the fake key variable is allowed, and the fake
          // OpenAI server on 127.0.0.1 may be reached.
          env: { EMLAB_KEY_VARS: "EMLAB_TEST_KEY", EMLAB_ALLOW_PRIVATE_ENDPOINTS: "1" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
