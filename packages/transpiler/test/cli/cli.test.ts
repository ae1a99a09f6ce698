import {
  mkdtempSync,
  readFileSync,
  writeFileSync,
  copyFileSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { corpusRoot } from "../support/corpus.js";

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const presale = join(corpusRoot, "foreach/tag-presale-products/workflow.json");

describe("flowpy CLI", () => {
  it("to-python prints the golden Python; to-json with trivia gives the original document back", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowpy-cli-"));
    const trivia = join(dir, "w.trivia.json");
    const py = run("to-python", presale, "--trivia", trivia);
    expect(py.code).toBe(0);
    expect(py.out).toBe(
      readFileSync(
        join(corpusRoot, "foreach/tag-presale-products/workflow.py"),
        "utf8",
      ),
    );
    writeFileSync(join(dir, "w.py"), py.out);
    const out = join(dir, "back.json");
    expect(
      run("to-json", join(dir, "w.py"), "--trivia", trivia, "-o", out).code,
    ).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(presale, "utf8"));
  });

  it("to-json without trivia writes a fresh document in the asked form", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowpy-cli-"));
    writeFileSync(
      join(dir, "w.py"),
      readFileSync(
        join(corpusRoot, "foreach/tag-presale-products/workflow.py"),
        "utf8",
      ),
    );
    const r = run("to-json", join(dir, "w.py"), "--form", "export");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^[0-9a-f]{64}:\{"__metadata":\{"version":0\.1\},"root":\{"workflow_name":"Tag presale products in new orders"/,
    );
  });

  it("reports bad Python with file:line:column, a caret and a hint, and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowpy-cli-"));
    writeFileSync(
      join(dir, "bad.py"),
      '@workflow("x")\n@trigger(shopify.admin.order_created)\ndef run(order):\n    shopify.admin.add_order_tags(tags=["x"]\n',
    );
    const r = run("to-json", join(dir, "bad.py"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("bad.py:4:33: error[py-syntax]");
    expect(r.err).toMatch(
      /\n4 \|     shopify\.admin\.add_order_tags\(tags=\["x"\]\n\s+\| +\^/,
    );
    expect(r.err).toContain("hint:");
    expect(r.err).not.toMatch(/at \w+ \(/); // no stack trace
  });

  it("roundtrip: summary table and exit 0 on the corpus, --json output, exit 1 and the first differing path on a mismatch", () => {
    const ok = run("roundtrip", join(corpusRoot, "foreach"));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      /\d+ documents: \d+ round-tripped exactly, 0 rejected as expected, 0 failed/,
    );
    const json = JSON.parse(run("roundtrip", presale, "--json").out) as {
      passed: number;
      failed: number;
      files: { status: string }[];
    };
    expect(json).toMatchObject({
      passed: 1,
      failed: 0,
      files: [{ status: "ok" }],
    });

    // A directory with one good and one bad document: the bad one fails the run.
    const dir = mkdtempSync(join(tmpdir(), "flowpy-cli-"));
    mkdirSync(join(dir, "cases"));
    copyFileSync(presale, join(dir, "cases/good.json"));
    writeFileSync(
      join(dir, "cases/bad.json"),
      '{"__metadata":{"version":0.1},"root":{"workflow_name":"x","steps":[],"links":[{"from_step_id":1,"from_port_id":"output","to_step_id":2,"to_port_id":"input"}],"patched_fields":[]}}',
    );
    const bad = run("roundtrip", join(dir, "cases"));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("REJECTED");
    expect(bad.out).toContain(
      "2 documents: 1 round-tripped exactly, 0 rejected as expected, 1 failed",
    );
    expect(bad.err).toContain("$.root.links[0].from_step_id");
    expect(
      run(
        "roundtrip",
        join(dir, "cases"),
        "--accept-rejection",
        "flow-dangling-link",
      ).code,
    ).toBe(0);
  });

  it("exits 2 with the usage on bad arguments and missing files", () => {
    expect(run().code).toBe(2);
    expect(run("frobnicate").code).toBe(2);
    const missing = run("to-python", "/nonexistent/file.json");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read /nonexistent/file.json");
  });
});
