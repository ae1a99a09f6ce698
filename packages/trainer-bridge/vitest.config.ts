import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@flowpy/source"] },
  test: { name: "trainer-bridge", include: ["test/**/*.test.ts"] },
});
