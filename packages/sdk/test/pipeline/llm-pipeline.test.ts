import { createHash } from "node:crypto";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkFlowRoundTrip, findWorkflowFiles } from "@flowpy/transpiler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDataset,
  createTrajectoryEnvironment,
  openDatasetStore,
  type BuildDatasetOptions,
  type DatasetBuildSummary,
  type RequestStyle,
} from "../../src/index.js";
import { trajectoryRefusals } from "../redact/checks.js";
import { seedDocument, type Json } from "../redact/seed-document.js";
import { allSeeds, seededWorkflow, seeds } from "../redact/seeds.js";
import { corpusDir } from "../support/record-generator.js";
import {
  startOpenAiTestServer,
  type ChatBody,
  type OpenAiTestServer,
  type ScriptedReply,
} from "../support/openai-test-server.js";
import { outputFiles } from "./output-files.js";

const env = await createTrajectoryEnvironment();
const root = mkdtempSync(join(tmpdir(), "flowpy-llm-pipeline-"));
const styles: readonly RequestStyle[] = ["terse", "detailed"];
const pricing = { inputPerMillionUsd: 2, outputPerMillionUsd: 8 };

function askedStyles(body: ChatBody): string[] {
  const last = body.messages?.at(-1)?.content ?? "";
  return [...last.matchAll(/^\d+\. ([a-z_]+)$/gm)].map((m) => m[1] ?? "");
}

/** A deterministic writer: the same body always gets the same answer. */
function answer(body: ChatBody): ScriptedReply {
  const tag = createHash("sha256")
    .update(JSON.stringify(body.messages ?? []))
    .digest("hex")
    .slice(0, 8);
  return {
    kind: "text",
    content: JSON.stringify({
      requests: askedStyles(body).map((style) => ({
        style,
        text: `When an order is created, tag it and let the team know (${style} request ${tag}).`,
      })),
    }),
  };
}

/**
 * Records of corpus workflows seeded with merchant data of every kind (the redact tests'
 * seeding), each still round-tripping before redaction, the hand-made workflow holding
 * every seed, and one bad record holding secrets too (it goes to the quarantine).
 */
function seededRecords(): { readonly lines: string[]; readonly good: number } {
  const lines: string[] = [];
  let i = 0;
  for (const file of findWorkflowFiles(corpusDir) ?? []) {
    if (lines.length >= 10) break;
    if (!file.endsWith(".json")) continue;
    const document = JSON.parse(readFileSync(file, "utf8")) as Json;
    seedDocument(document);
    const json = JSON.stringify(document, null, 2);
    if (checkFlowRoundTrip(json).status !== "ok") continue;
    lines.push(
      JSON.stringify({
        workflow_id: `w${i}`,
        merchant_id: `m${i % 4}`,
        workflow: json,
        last_run_at: "2026-01-10T00:00:00Z",
      }),
    );
    i++;
  }
  lines.push(
    JSON.stringify({
      workflow_id: "all-seeds",
      merchant_id: "m9",
      workflow: JSON.stringify(seededWorkflow().document),
      last_run_at: "2026-01-12T00:00:00Z",
    }),
  );
  const good = lines.length;
  lines.push(
    `{"workflow_id": "bad", "merchant_id": "m1", "workflow": 5, "note": "mail ${seeds.email.value} or call ${seeds.phone.value}"}`,
  );
  return { lines, good };
}

/** The seed fragments no unseeded corpus workflow holds (those must not appear anywhere). */
function forbiddenFragments(): string[] {
  const corpus = (findWorkflowFiles(corpusDir) ?? [])
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  return allSeeds
    .flatMap((s) => [s.value, ...s.fragments])
    .filter((f) => !corpus.includes(f));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
}

function unwrap(
  r: Awaited<ReturnType<typeof buildDataset>>,
): DatasetBuildSummary {
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.value;
}

let server: OpenAiTestServer;
const input = join(root, "records.jsonl");
let good = 0;
beforeAll(async () => {
  server = await startOpenAiTestServer(answer);
  const records = seededRecords();
  good = records.good;
  writeFileSync(input, `${records.lines.join("\n")}\n`);
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function options(
  name: string,
  llm: Partial<NonNullable<BuildDatasetOptions["llm"]>> = {},
  extra: Partial<BuildDatasetOptions> = {},
): BuildDatasetOptions {
  return {
    input,
    out: join(root, name, "out"),
    store: join(root, name, "store.duckdb"),
    seed: 3,
    styles,
    batchSize: 4,
    salt: "pipeline-llm-test",
    llm: {
      baseUrl: server.baseUrl,
      model: "writer-large",
      concurrency: 2,
      pricing,
      cacheDir: join(root, name, "cache"),
      maxRetries: 3,
      backoffBaseMs: 1,
      ...llm,
    },
    ...extra,
  };
}

describe(
  "the pipeline with the LLM request writer",
  { timeout: 180_000 },
  () => {
    let reference: Map<string, Buffer>;
    let first: DatasetBuildSummary;

    it("sends only redacted text, and no seeded secret reaches any output file or exported row", async () => {
      server.reset(answer);
      first = unwrap(await buildDataset(options("a")));
      expect(first.status).toBe("done");
      expect(first.quarantined).toBe(1);
      expect(first.records).toBe(good + 1);
      // Every seeded workflow round-tripped after redaction (the pipeline checks each).
      expect(first.rejectedItems).toBe(0);
      expect(first.requests).toBe((good - first.duplicates) * styles.length);
      expect(server.requests.length).toBeGreaterThan(0);
      const forbidden = forbiddenFragments();
      expect(forbidden.length).toBeGreaterThan(10);
      for (const q of server.requests)
        for (const f of forbidden)
          expect(q.rawBody, `request ${q.number}: ${f}`).not.toContain(f);
      // Redacted text, not merely missing text: the placeholders went to the writer.
      expect(
        server.requests.some((q) =>
          /user-[0-9a-f]{10}@example\.com/.test(q.rawBody),
        ),
      ).toBe(true);
      const out = join(root, "a", "out");
      const files = filesUnder(out);
      for (const name of [
        "quarantine.jsonl",
        "report.json",
        "report.md",
        "card.json",
        "card.md",
        "train.jsonl",
        "train.parquet",
      ])
        expect(files).toContain(join(out, name));
      for (const file of [...files, ...filesUnder(join(root, "a", "cache"))]) {
        const bytes = readFileSync(file).toString("latin1");
        for (const f of forbidden)
          expect(bytes, `${file}: ${f}`).not.toContain(f);
      }
      // The quarantine keeps the bad record, redacted, with its number and reason.
      const quarantine = JSON.parse(
        readFileSync(join(out, "quarantine.jsonl"), "utf8"),
      ) as { record: number; codes: string[]; raw: string };
      expect(quarantine.record).toBe(good + 1);
      expect(quarantine.raw).toContain('"workflow_id": "bad"');
      const store = await openDatasetStore(join(root, "a", "store.duckdb"));
      if (!store.ok) throw new Error("store");
      try {
        // Every seeded workflow's conversations became rows: the trajectory builder refused
        // none (the listing names the workflow and the builder's reason if it does).
        expect(
          await store.value.all(
            "SELECT workflow_id, label, code, message FROM rejections",
          ),
        ).toEqual([]);
        expect(first.rejectedRows).toBe(0);
        const rows = await store.value.all("SELECT row_json FROM rows");
        expect(rows.length).toBe(first.requests);
        expect(rows.length).toBe(
          first.rows.train + first.rows.eval + first.rows.test,
        );
        const text = rows.map((r) => String(r["row_json"])).join("\n");
        for (const f of forbidden) expect(text, f).not.toContain(f);
        // Each seeded workflow, as redaction left it, still round-trips exactly and is one
        // the trajectory builder accepts.
        const kept = await store.value.all(
          "SELECT workflow_id, redacted_json FROM items WHERE status = 'kept' ORDER BY position",
        );
        expect(kept).toHaveLength(good - first.duplicates);
        for (const item of kept) {
          const id = String(item["workflow_id"]);
          const json = String(item["redacted_json"]);
          const trip = checkFlowRoundTrip(json);
          expect(trip.status, id).toBe("ok");
          expect(trip.lossless?.exactText, id).toBe(true);
          expect(trajectoryRefusals(json, env), id).toEqual([]);
        }
      } finally {
        store.value.close();
      }
      const report = JSON.parse(
        readFileSync(join(out, "report.json"), "utf8"),
      ) as {
        redactions: Record<string, number>;
        cost: { input_tokens: number; output_tokens: number; usd: number };
      };
      expect(Object.keys(report.redactions).length).toBeGreaterThan(4);
      // Every answer of this first run was fresh and used: the report's cost is its spend
      // (the re-run from the cache and the resumed run below write the same file).
      expect(first.inputTokens).toBeGreaterThan(0);
      expect(report.cost).toEqual({
        input_tokens: first.inputTokens,
        output_tokens: first.outputTokens,
        usd: report.cost.usd,
      });
      expect(report.cost.usd).toBeCloseTo(first.costUsd, 12);
      expect(report.cost.usd).toBeGreaterThan(0);
      reference = outputFiles(out);
    });

    it("a re-run with the same cache sends nothing and writes byte-identical files", async () => {
      server.reset(answer);
      const again = unwrap(
        await buildDataset(
          options("b", { cacheDir: join(root, "a", "cache") }),
        ),
      );
      expect(again.status).toBe("done");
      expect(server.requests).toHaveLength(0);
      expect(again.costUsd).toBe(0);
      expect(again.llm?.cachedAnswers).toBeGreaterThan(0);
      expect(again.llm?.freshAnswers).toBe(0);
      expect(outputFiles(join(root, "b", "out"))).toEqual(reference);
    });

    it("stops cleanly at the budget and, resumed with a higher one, writes the unbudgeted run's bytes", async () => {
      server.reset(answer);
      const stopped = unwrap(
        await buildDataset(options("c", { budgetTokens: 3000 })),
      );
      expect(stopped.status).toBe("budget_exhausted");
      expect(stopped.files).toEqual([]);
      expect(stopped.inputTokens + stopped.outputTokens).toBeGreaterThan(0);
      expect(stopped.requests).toBeLessThan(first.requests);
      const resumed = unwrap(
        await buildDataset(options("c", { budgetTokens: 10_000_000 })),
      );
      expect(resumed.status).toBe("done");
      expect(resumed.requests).toBe(first.requests);
      expect(outputFiles(join(root, "c", "out"))).toEqual(reference);
    });

    it("survives 429, 500 and slow answers with the expected retries and accounts the cost", async () => {
      // Each distinct body: a 429, then a 500, then a slow good answer.
      const seen = new Map<string, number>();
      server.reset((body) => {
        const key = JSON.stringify(body);
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        if (n === 1)
          return {
            kind: "status",
            status: 429,
            headers: { "retry-after-ms": "1" },
          };
        if (n === 2) return { kind: "status", status: 500 };
        return { ...answer(body), delayMs: 30 };
      });
      const s = unwrap(await buildDataset(options("d")));
      expect(s.status).toBe("done");
      const answered = server.requests.filter((q) => q.usage !== undefined);
      expect(s.llm?.freshAnswers).toBe(seen.size);
      expect(answered).toHaveLength(seen.size);
      expect(s.llm?.attempts).toBe(3 * seen.size);
      expect(s.llm?.retries).toBe(2 * seen.size);
      expect(s.llm?.failed).toBe(0);
      const inputTokens = answered.reduce(
        (a, q) => a + (q.usage?.prompt_tokens ?? 0),
        0,
      );
      const outputTokens = answered.reduce(
        (a, q) => a + (q.usage?.completion_tokens ?? 0),
        0,
      );
      expect(s.inputTokens).toBe(inputTokens);
      expect(s.outputTokens).toBe(outputTokens);
      expect(s.costUsd).toBeCloseTo(
        (inputTokens * pricing.inputPerMillionUsd +
          outputTokens * pricing.outputPerMillionUsd) /
          1_000_000,
        12,
      );
      expect(outputFiles(join(root, "d", "out"))).toEqual(reference);
    });
  },
);
