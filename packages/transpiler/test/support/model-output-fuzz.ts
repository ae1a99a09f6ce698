/**
 * A fuzz harness for anything that turns raw model output into a workflow or diagnostics.
 * The function under test is a parameter (`ModelOutputTarget`), so another entry point
 * (e.g. `compile`) is fuzzed with one line:
 *
 *   describeModelOutputFuzz("compile", (raw) => compiler.compile(raw));
 *
 * Input families (counts per run scale with FLOWPY_RUNS, default 1000 → 10,000+ inputs):
 * random bytes decoded as UTF-8 (with replacement) and as latin1, token soups of Python,
 * Liquid and wrapper pieces, 1-4 random mutations (lines and tokens deleted, duplicated or
 * swapped, truncation, indentation changes) of every corpus `.py` file, the same mutations
 * inside the wrappers models use (fences, prose, tool calls), and a few 100 KB inputs
 * (random bytes, token soup, mutated corpus code, deep nesting, one long line, thousands
 * of broken lines). Mostly small inputs, so the default run stays well under a minute.
 *
 * Every outcome must satisfy `checkOutcome`; each input must also finish within
 * `HANG_GUARD_MS` (a hang guard, not a performance check: latency is in `pnpm bench`).
 * Each test reports the slowest input it saw (CPU time and the input's recipe or text).
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  codes,
  diagnoseAll,
  extractPython,
  flowDialect,
  locateDiagnostics,
  moduleToJson,
  parsePython,
  type Diagnostic,
} from "../../src/index.js";
import { createLineIndex } from "../../src/source/line-index.js";
import { proseSamples, wrappers } from "../model-output/wrappers.js";
import { corpusPythonFiles, repoRoot } from "./corpus.js";

export interface ModelOutputOutcome {
  /** Present when the output was turned into a workflow. */
  readonly workflow?: unknown;
  /** Located on the raw output. */
  readonly diagnostics: readonly Diagnostic[];
}

export type ModelOutputTarget = (
  raw: string,
) => ModelOutputOutcome | Promise<ModelOutputOutcome>;

/** CPU time per input. Generous: the latency target is 50 ms per 100 KB; this only catches hangs. */
export const HANG_GUARD_MS = 2_000;

/**
 * The model-output path built from the public API, as a service would: unwrap, try the
 * fast parser, and only when it rejects the code ask `diagnoseAll` for every problem;
 * valid code goes on to the Flow document.
 */
export async function modelOutputPath(
  raw: string,
): Promise<ModelOutputOutcome> {
  const extraction = extractPython(raw);
  const locate = (ds: readonly Diagnostic[]): Diagnostic[] =>
    locateDiagnostics(raw, extraction, ds);
  const notes = extraction.notes;
  if (notes.some((n) => n.severity === "error")) return { diagnostics: notes };
  const parsed = parsePython(extraction.python);
  if (!parsed.ok) {
    const all = await diagnoseAll(extraction.python);
    return {
      diagnostics: [
        ...notes,
        ...locate(all.length > 0 ? all : parsed.diagnostics),
      ],
    };
  }
  const json = moduleToJson(parsed.value, flowDialect);
  if (!json.ok) return { diagnostics: [...notes, ...locate(json.diagnostics)] };
  return {
    workflow: json.value.document,
    diagnostics: [...notes, ...locate(json.diagnostics)],
  };
}

const catalogued: ReadonlySet<string> = new Set(Object.values(codes));

/**
 * What every outcome must satisfy: a workflow or at least one diagnostic; every
 * diagnostic with a catalogued code (never `internal-error`) and a message; every
 * diagnostic about the code (`py-*`, `flowpy-*`) with a span; every span inside `raw`,
 * its line and column agreeing with its offset. (Notes about the wrapper, such as a
 * removed fence, describe the whole output and carry no span.)
 */
export function outcomeProblems(
  raw: string,
  outcome: ModelOutputOutcome,
): string[] {
  const problems: string[] = [];
  if (outcome.workflow === undefined && outcome.diagnostics.length === 0)
    problems.push("neither a workflow nor a diagnostic");
  let lines: ReturnType<typeof createLineIndex> | undefined;
  for (const d of outcome.diagnostics) {
    const what = `${d.code} "${d.message}"`;
    if (d.code === codes.internalError)
      problems.push(`internal error: ${what}`);
    if (!catalogued.has(d.code)) problems.push(`uncatalogued code: ${what}`);
    if (typeof d.message !== "string" || d.message.trim() === "")
      problems.push(`empty message: ${d.code}`);
    if (
      d.span === undefined &&
      (d.code.startsWith("py-") || d.code.startsWith("flowpy-"))
    )
      problems.push(`no span: ${what}`);
    if (d.span === undefined) continue;
    const { start, end } = d.span;
    if (
      !(start.offset >= 0 && start.offset <= end.offset) ||
      end.offset > raw.length
    ) {
      problems.push(
        `span ${start.offset}-${end.offset} outside 0-${raw.length}: ${what}`,
      );
      continue;
    }
    lines ??= createLineIndex(raw);
    for (const p of [start, end]) {
      const expected = lines.position(p.offset);
      if (expected.line !== p.line || expected.column !== p.column)
        problems.push(
          `offset ${p.offset} is ${expected.line}:${expected.column}, not ${p.line}:${p.column}: ${what}`,
        );
    }
  }
  return problems;
}

/**
 * Runs `target` on one input and checks the outcome; returns the CPU milliseconds it took.
 * The hang guard counts this process's CPU time, not wall time: a loaded machine slows
 * every input, a hang only this one.
 */
export async function checkInput(
  target: ModelOutputTarget,
  raw: string,
  describeInput: () => string = () => describeText(raw),
): Promise<number> {
  const cpu = process.cpuUsage();
  const outcome = await target(raw);
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  expect(outcomeProblems(raw, outcome)).toEqual([]);
  expect(ms, `hang guard (ms CPU) on ${describeInput()}`).toBeLessThan(
    HANG_GUARD_MS,
  );
  return ms;
}

/** A text in a report: its length and its start, escaped. */
export function describeText(raw: string): string {
  const start = JSON.stringify(raw.slice(0, 60));
  return `${raw.length} characters, ${start}${raw.length > 60 ? "…" : ""}`;
}

/** The slowest input of one test, for its report line. */
export interface SlowestInput {
  readonly ms: number;
  readonly input: string;
}

/** Keeps the slower of `slowest` and this input (described lazily: most are not kept). */
export function slower(
  slowest: SlowestInput | undefined,
  ms: number,
  describeInput: () => string,
): SlowestInput {
  return slowest !== undefined && slowest.ms >= ms
    ? slowest
    : { ms, input: describeInput() };
}

export function reportSlowest(
  test: string,
  slowest: SlowestInput | undefined,
): void {
  if (slowest === undefined) return;
  console.log(
    `${test}: slowest input ${slowest.ms.toFixed(1)} ms CPU (hang guard ${HANG_GUARD_MS} ms): ${slowest.input}`,
  );
}

// Inputs ------------------------------------------------------------------------------------

/** Pieces of Python, of the workflow vocabulary, of Liquid and of model wrappers. */
export const SOUP_TOKENS: readonly string[] = [
  ...[
    "def",
    "if",
    "elif",
    "else",
    "for",
    "in",
    "not",
    "and",
    "or",
    "is",
    "with",
    "as",
    "pass",
    "return",
    "while",
    "import",
    "from",
    "lambda",
    "class",
    "try",
    "except",
    "None",
    "True",
    "False",
    "async",
    "await",
    "yield",
  ].map((k) => `${k} `),
  ..."()[]{}:,.;=+-*/%<>!~^&|@".split(""),
  "==",
  "!=",
  "<=",
  ">=",
  "**",
  "//",
  "->",
  ":=",
  "...",
  "'",
  '"',
  "'''",
  '"""',
  "\\",
  "#",
  "\n",
  "\r\n",
  "\r",
  "    ",
  "\t",
  " ",
  "x",
  "order",
  "order.id",
  "shopify.add_order_tags(",
  "order_id=order.id",
  'tags=["a"]',
  '"text"',
  "'it''s'",
  "0",
  "1.5",
  "é",
  "😀",
  "@workflow(",
  '@workflow("Tag orders")\n',
  "@trigger(shopify.orders.order_created)\n",
  "def main(order):\n",
  "step(",
  'step(description="x")\n',
  "{{ order.name }}",
  "{%",
  "%}",
  "{{",
  "}}",
  "```",
  "```python\n",
  "~~~",
  '{"arguments": {"code": "',
  '"}}',
];

const soup = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...SOUP_TOKENS), { maxLength })
    .map((parts) => parts.join(""));

const EDITS = [
  "delete-line",
  "duplicate-line",
  "swap-lines",
  "delete-token",
  "duplicate-token",
  "swap-tokens",
  "indent",
  "dedent",
] as const;

/** Each mutation picks its places from plain numbers, reduced modulo the sizes. */
const mutationArb = fc.record({
  kind: fc.constantFrom(...EDITS, "truncate" as const),
  a: fc.nat(),
  b: fc.nat(),
  width: fc.constantFrom(" ", "  ", "    ", "\t", "        "),
});

type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

const TOKEN =
  /\s+|#[^\r\n]*|[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|"(?:[^"\\\r\n]|\\.)*"?|'(?:[^'\\\r\n]|\\.)*'?|[^]/gu;

function pick<T>(items: readonly T[], n: number): number {
  return items.length === 0 ? 0 : n % items.length;
}

/** `text` with one mutation applied (line-level or token-level). */
export function mutate(text: string, m: Mutation): string {
  if (m.kind === "truncate") return text.slice(0, m.a % (text.length + 1));
  const lineLevel =
    m.kind.endsWith("line") ||
    m.kind.endsWith("lines") ||
    m.kind === "indent" ||
    m.kind === "dedent";
  const parts = lineLevel
    ? (text.match(/[^\n]*\n|[^\n]+$/g) ?? [])
    : (text.match(TOKEN) ?? []);
  if (parts.length === 0) return text;
  const i = pick(parts, m.a);
  const j = pick(parts, m.b);
  const part = parts[i] ?? "";
  switch (m.kind) {
    case "delete-line":
    case "delete-token":
      parts.splice(i, 1);
      break;
    case "duplicate-line":
    case "duplicate-token":
      parts.splice(i, 0, part);
      break;
    case "swap-lines":
    case "swap-tokens":
      parts[i] = parts[j] ?? "";
      parts[j] = part;
      break;
    case "indent":
      parts[i] = m.width + part;
      break;
    case "dedent":
      parts[i] = part.replace(/^[ \t]{1,8}/, "");
      break;
  }
  return parts.join("");
}

export const mutationsArb = fc.array(mutationArb, {
  minLength: 1,
  maxLength: 4,
});

export function mutateAll(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(mutate, text);
}

const bytes = (maxLength: number) => fc.uint8Array({ maxLength });

// Large inputs --------------------------------------------------------------------------------

export type LargeKind =
  | "random bytes (UTF-8)"
  | "random bytes (latin1)"
  | "token soup"
  | "mutated corpus code"
  | "deep nesting"
  | "one long line"
  | "thousands of broken lines";

export const LARGE_KINDS: readonly LargeKind[] = [
  "random bytes (UTF-8)",
  "random bytes (latin1)",
  "token soup",
  "mutated corpus code",
  "deep nesting",
  "one long line",
  "thousands of broken lines",
];

/** A small seeded generator (mulberry32): large inputs are built fast, reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Concatenated corpus workflow bodies under one header: realistic valid code of any size. */
export function corpusCode(size: number): string {
  const files = corpusPythonFiles()
    .filter((f) => f.endsWith("workflow.py"))
    .map((f) => readFileSync(f, "utf8"));
  const bodyOf = (py: string): string => {
    const def = /^def [^\n]*:\n/m.exec(py);
    return def === null ? "" : py.slice(def.index + def[0].length);
  };
  const first = files[0] ?? "";
  const def = /^def [^\n]*:\n/m.exec(first);
  let out = def === null ? "" : first.slice(0, def.index + def[0].length);
  for (let i = 0; out.length < size && files.length > 0; i++)
    out += bodyOf(files[i % files.length] ?? "");
  return out;
}

/** About `size` UTF-16 code units of the given kind, the same for the same seed. */
export function largeInput(kind: LargeKind, seed: number, size = 100_000) {
  const next = random(seed);
  const int = (n: number): number => Math.floor(next() * n);
  switch (kind) {
    case "random bytes (UTF-8)":
    case "random bytes (latin1)": {
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = int(256);
      return data.toString(kind === "random bytes (UTF-8)" ? "utf8" : "latin1");
    }
    case "token soup": {
      const parts: string[] = [];
      for (let n = 0; n < size;) {
        const t = SOUP_TOKENS[int(SOUP_TOKENS.length)] ?? "";
        parts.push(t);
        n += t.length;
      }
      return parts.join("");
    }
    case "mutated corpus code": {
      let text = corpusCode(size);
      for (let k = 0; k < 1 + int(8); k++)
        text = mutate(text, {
          kind: EDITS[int(EDITS.length)] ?? "delete-line",
          a: int(2 ** 30),
          b: int(2 ** 30),
          width: " ",
        });
      return text;
    }
    case "deep nesting": {
      const depth = Math.floor(size / 2) - 4;
      return int(2) === 0
        ? `x = ${"(".repeat(depth)}${")".repeat(depth)}`
        : "[".repeat(size);
    }
    case "one long line":
      return `x = ${"a + ".repeat(Math.floor(size / 4) - 2)}1`;
    case "thousands of broken lines":
      return "x = = 1\n".repeat(Math.floor(size / 8));
  }
}

// Families ------------------------------------------------------------------------------------

/** A large input, shown by its recipe (not its 100 KB) when a property fails or is reported. */
export interface LargeCase {
  readonly raw: string;
  readonly [fc.toStringMethod]: () => string;
}

export type FuzzInput = string | LargeCase;

export function rawOf(input: FuzzInput): string {
  return typeof input === "string" ? input : input.raw;
}

export function describeInput(input: FuzzInput): string {
  return typeof input === "string"
    ? describeText(input)
    : input[fc.toStringMethod]();
}

export interface InputFamily {
  readonly name: string;
  readonly runs: number;
  readonly arbitrary: fc.Arbitrary<FuzzInput>;
}

/** The families of inputs other than the per-file corpus mutations. */
export function inputFamilies(runs: number): InputFamily[] {
  const scaled = (n: number): number =>
    Math.max(1, Math.round((n * runs) / 1000));
  const corpus = corpusPythonFiles().map((f) => readFileSync(f, "utf8"));
  return [
    {
      name: "random bytes decoded as UTF-8",
      runs: scaled(2000),
      arbitrary: bytes(600).map((b) => Buffer.from(b).toString("utf8")),
    },
    {
      name: "random bytes decoded as latin1",
      runs: scaled(1000),
      arbitrary: bytes(600).map((b) => Buffer.from(b).toString("latin1")),
    },
    { name: "token soups", runs: scaled(2500), arbitrary: soup(120) },
    {
      name: "mutated corpus files in model wrappers",
      runs: scaled(1000),
      arbitrary: fc
        .tuple(
          fc.constantFrom(...corpus),
          mutationsArb,
          fc.constantFrom(...wrappers),
          fc.constantFrom(...proseSamples),
        )
        .map(([py, ms, wrapper, prose]) =>
          wrapper.wrap(mutateAll(py, ms), prose),
        ),
    },
    {
      name: "100 KB inputs",
      runs: scaled(40),
      arbitrary: fc
        .tuple(fc.constantFrom(...LARGE_KINDS), fc.integer())
        .map(([kind, seed]): LargeCase => ({
          raw: largeInput(kind, seed),
          [fc.toStringMethod]: () =>
            `largeInput(${JSON.stringify(kind)}, ${seed})`,
        })),
    },
  ];
}

/** Mutations per corpus file and run (every file is mutated). */
export function mutationsPerFile(runs: number): number {
  return Math.max(1, Math.round((20 * runs) / 1000));
}

/**
 * Registers the fuzz tests of `target`: one test per input family and one over every
 * corpus file. `runs` scales the counts (FLOWPY_RUNS, default 1000).
 */
export function describeModelOutputFuzz(
  name: string,
  target: ModelOutputTarget,
  runs: number,
  timeout: number,
): void {
  describe(`${name}: fuzzing`, () => {
    for (const family of inputFamilies(runs))
      it(
        `${family.name} (${family.runs} inputs)`,
        async () => {
          let slowest: SlowestInput | undefined;
          await fc.assert(
            fc.asyncProperty(family.arbitrary, async (input) => {
              const describe = (): string => describeInput(input);
              const ms = await checkInput(target, rawOf(input), describe);
              slowest = slower(slowest, ms, describe);
            }),
            { numRuns: family.runs },
          );
          reportSlowest(`${name}, ${family.name}`, slowest);
        },
        timeout,
      );

    const files = corpusPythonFiles();
    const perFile = mutationsPerFile(runs);
    it(
      `random mutations of every corpus .py file (${files.length} files × ${perFile})`,
      async () => {
        expect(files.length).toBeGreaterThan(150);
        let slowest: SlowestInput | undefined;
        for (const file of files) {
          const text = readFileSync(file, "utf8");
          await fc.assert(
            fc.asyncProperty(mutationsArb, async (edits) => {
              const raw = mutateAll(text, edits);
              const describe = (): string =>
                `${JSON.stringify(edits)} of ${relative(repoRoot, file)}: ${describeText(raw)}`;
              const ms = await checkInput(target, raw, describe);
              slowest = slower(slowest, ms, describe);
            }),
            { numRuns: perFile },
          );
        }
        reportSlowest(`${name}, corpus mutations`, slowest);
      },
      timeout,
    );
  });
}

/** Inputs per run of `describeModelOutputFuzz` with these `runs`. */
export function fuzzInputCount(runs: number): number {
  return (
    inputFamilies(runs).reduce((n, f) => n + f.runs, 0) +
    corpusPythonFiles().length * mutationsPerFile(runs)
  );
}
