import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    cli: "src/cli/main.ts",
    "dataset-cli": "src/cli/dataset-main.ts",
    "eval-cli": "src/cli/eval-main.ts",
    "flywheel-cli": "src/cli/flywheel-main.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "node20",
  // createRequire(import.meta.url) loads the tokenizer lazily; the CJS build needs the shim.
  shims: true,
  tsconfig: "tsconfig.build.json",
});
