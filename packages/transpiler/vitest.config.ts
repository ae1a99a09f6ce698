import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@flowpy/source"] },
  test: {
    name: "transpiler",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
