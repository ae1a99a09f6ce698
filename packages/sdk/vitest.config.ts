import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@flowpy/source"] },
  test: { name: "sdk", include: ["test/**/*.test.ts"] },
});
