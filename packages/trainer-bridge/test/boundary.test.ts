import { describe, expect, it } from "vitest";
import { countTrainable } from "../src/index.js";

describe("trainer-bridge boundary", () => {
  it("counts workflows that transpile through the sdk", () => {
    expect(countTrainable(["{", "[]"])).toEqual({ ok: 0, failed: 2 });
  });
});
