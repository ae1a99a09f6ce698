import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundledCatalog, loadWorkflow, readDocument } from "@flowpy/transpiler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRequests,
  createTrajectoryEnvironment,
  offlinePhrases,
  offlinePhrasesSha256,
  offlineRequestSynthesizer,
  requestStyles,
  sdkCodes,
  sha256Hex,
  type RequestStyle,
  type SynthesizedRequest,
} from "../../src/index.js";
import { corpusRoot, corpusWorkflows } from "../trajectory/corpus-workflows.js";

const env = await createTrajectoryEnvironment();
const synthesizer = offlineRequestSynthesizer({
  catalog: env.catalog,
  ...(env.indexes === undefined ? {} : { indexes: env.indexes }),
});
const catalog = bundledCatalog();
const corpus = corpusWorkflows();
/** Corpus cases that declare catalog diagnostics use tasks outside the catalog on purpose. */
const outsideCatalog = new Set(
  corpus
    .filter((w) => existsSync(join(corpusRoot, w.name, "validation.json")))
    .map((w) => w.name),
);
const styles = [...requestStyles];
/** A hang guard for a whole-corpus loop, not a performance assertion. */
const corpusTimeout = 120_000;

/** The trigger's catalog label, read without the synthesizer. */
function triggerLabel(json: string): string | undefined {
  const read = readDocument(json);
  if (!read.ok) return undefined;
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return undefined;
  const trigger = loaded.value.workflow.steps.find(
    (s) => s.taskType === "TRIGGER",
  );
  return trigger && catalog.task(trigger.taskId, trigger.taskVersion)?.label;
}

async function write(
  json: string,
  seed: number,
  asked: readonly RequestStyle[] = styles,
): Promise<readonly SynthesizedRequest[]> {
  const result = await synthesizer.write({
    workflowJson: json,
    styles: asked,
    seed,
  });
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.value;
}

// Whole-corpus and tokenizer work: generous hang guards for a busy machine.
describe("offline request synthesizer", { timeout: 60_000 }, () => {
  it(
    "writes valid requests in every style for every corpus workflow, each naming its trigger",
    async () => {
      const rejected: string[] = [];
      for (const w of corpus) {
        const result = await synthesizer.write({
          workflowJson: w.text,
          styles,
          seed: 11,
        });
        if (!result.ok) {
          expect(
            result.diagnostics.map((d) => d.code),
            w.name,
          ).toEqual([sdkCodes.requestWorkflowInvalid]);
          rejected.push(w.name);
          continue;
        }
        const requests = result.value;
        expect(
          requests.map((r) => r.style),
          w.name,
        ).toEqual(styles);
        // The same checks an LLM's answer must pass: lengths, no code, all distinct.
        expect(checkRequests(requests, styles).ok, w.name).toBe(true);
        const trigger = triggerLabel(w.text)?.toLowerCase();
        expect(trigger, w.name).toBeDefined();
        for (const r of requests) {
          expect(r.text.toLowerCase(), `${w.name} ${r.style}`).toContain(
            trigger,
          );
          expect(r).toMatchObject({
            writer: "offline",
            promptVersion: "offline-requests/v1",
            promptSha256: offlinePhrasesSha256,
            cached: false,
          });
        }
      }
      expect(rejected.sort()).toEqual([...outsideCatalog].sort());
    },
    corpusTimeout,
  );

  it("is deterministic: a fresh synthesizer writes byte-identical requests for the same seed", async () => {
    const other = offlineRequestSynthesizer();
    for (const w of corpus.filter((_, i) => i % 7 === 0)) {
      if (outsideCatalog.has(w.name)) continue;
      const input = { workflowJson: w.text, styles, seed: 2024 };
      const a = await synthesizer.write(input);
      const b = await other.write(input);
      expect(JSON.stringify(b), w.name).toBe(JSON.stringify(a));
    }
  });

  it("keeps the styles apart: vague leaves out values and conditions, detailed keeps them", async () => {
    const w = corpus.find(
      (c) => c.name === "order-tagging/add-free-gift-over-100",
    );
    if (w === undefined) throw new Error("corpus case missing");
    const byStyle = new Map(
      (await write(w.text, 5)).map((r) => [r.style, r.text]),
    );
    expect(byStyle.get("detailed")).toContain('"GIFT-TOTE"');
    expect(byStyle.get("detailed")).toContain("100");
    expect(byStyle.get("non_native")).toContain('"free-gift-added"');
    expect(byStyle.get("vague")).not.toContain("GIFT-TOTE");
    expect(byStyle.get("vague")).not.toContain("100");
    expect(byStyle.get("vague")).not.toContain("free-gift-added");
    const terse = byStyle.get("terse") ?? "";
    expect(terse.length).toBeLessThan((byStyle.get("detailed") ?? "").length);
  });

  it("varies with the seed and the workflow, and repeats of a style are distinct", async () => {
    const usable = corpus.filter((w) => !outsideCatalog.has(w.name));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...usable),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.constantFrom(...styles), { minLength: 1, maxLength: 6 }),
        async (w, seed, asked) => {
          const requests = await write(w.text, seed, asked);
          expect(requests.map((r) => r.style)).toEqual(asked);
          expect(checkRequests(requests, asked).ok).toBe(true);
        },
      ),
      { numRuns: Math.min(200, Number(process.env["FLOWPY_RUNS"] ?? 200)) },
    );
    // Across the corpus, one run seed gives more than one phrasing of each style.
    const first = await Promise.all(
      usable.slice(0, 24).map((w) => write(w.text, 1)),
    );
    for (const style of styles) {
      const openings = new Set(
        first.map(
          (rs) => rs.find((r) => r.style === style)?.text.split(" ")[0],
        ),
      );
      expect(openings.size, style).toBeGreaterThan(1);
    }
    const w = usable[0];
    if (w === undefined) throw new Error("no corpus");
    const seeds = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((s) => write(w.text, s)),
    );
    expect(new Set(seeds.map((rs) => JSON.stringify(rs))).size).toBeGreaterThan(
      1,
    );
  });

  it("finds sixteen distinct phrasings of one style even for the plainest workflow", async () => {
    const plainest = corpus
      .filter((w) => !outsideCatalog.has(w.name))
      .reduce((a, b) => (b.text.length < a.text.length ? b : a));
    for (const style of styles) {
      const asked = Array.from({ length: 16 }, () => style);
      const requests = await write(plainest.text, 3, asked);
      expect(new Set(requests.map((r) => r.text)).size, style).toBe(16);
    }
  });

  it("records the hash of its phrase tables as its prompt hash", () => {
    expect(offlinePhrasesSha256).toBe(
      sha256Hex(JSON.stringify(offlinePhrases)),
    );
  });

  it("returns diagnostics for unusable input, never throws", async () => {
    const w = corpus[0];
    if (w === undefined) throw new Error("no corpus");
    const cases: {
      workflowJson: string;
      styles: RequestStyle[];
      seed: number;
    }[] = [
      { workflowJson: w.text, styles: [], seed: 1 },
      { workflowJson: w.text, styles: ["poetic" as RequestStyle], seed: 1 },
      { workflowJson: w.text, styles: ["terse"], seed: 1.5 },
    ];
    for (const input of cases) {
      const result = await synthesizer.write(input);
      expect(result.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.requestInvalidInput,
      ]);
    }
    for (const json of ["", "{", "[]", '{"root": 1}']) {
      const result = await synthesizer.write({
        workflowJson: json,
        styles: ["terse"],
        seed: 1,
      });
      expect(
        result.diagnostics.map((d) => d.code),
        json,
      ).toEqual([sdkCodes.requestWorkflowInvalid]);
    }
    expect(
      synthesizer.estimate({ workflowJson: w.text, styles, seed: 1 }),
    ).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
  });
});
