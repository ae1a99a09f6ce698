/**
 * `extractPython`: raw model output → the Python it contains, with a note for every
 * wrapper removed (never silently) and the map back to raw positions (`locate.ts`).
 *
 *   raw ─ empty? ─ JSON (tool call → its code string, recursively unwrapped; workflow JSON
 *       → model-output-json-workflow) ─ fenced blocks (the one with `@workflow`, else the
 *       first Python one) ─ prose around bare code
 *
 * Never throws and never evaluates anything: JSON is read by a small strict reader.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { createLineIndex } from "../source/line-index.js";
import { findFencedBlocks, type FencedBlock } from "./find-fenced-blocks.js";
import { findProse } from "./find-prose.js";
import type { TextLine } from "./split-lines.js";
import { modelOutputCodes } from "./model-output-codes.js";
import {
  composeMaps,
  IDENTITY,
  mapOffset,
  type OffsetMap,
} from "./offset-map.js";
import {
  jsonStringOffsets,
  parseLocatedJson,
  type LocatedJson,
} from "./parse-located-json.js";

export interface Extraction {
  /** The code to parse; `""` when there is none (then `notes` holds an error). */
  readonly python: string;
  /** Where `python` starts in the raw text, 1-based. */
  readonly offset: { readonly line: number; readonly column: number };
  /** One warning per unwrapping; errors for empty output and JSON workflows. */
  readonly notes: readonly Diagnostic[];
  /** Code offsets → raw offsets, for `locateDiagnostics`. */
  readonly map: OffsetMap;
}

interface Inner {
  readonly python: string;
  /** Relative to the text this step read. */
  readonly map: OffsetMap;
  readonly notes: readonly Diagnostic[];
}

/** A fence inside a tool call inside a fence is plausible; deeper nesting is not. */
const MAX_NESTING = 4;

export function extractPython(raw: string): Extraction {
  const inner = extractFrom(raw, 0);
  const notes =
    inner.python.trim() === "" &&
    !inner.notes.some((n) => n.severity === "error")
      ? [
          ...inner.notes,
          emptyNote(
            raw.trim() === ""
              ? "the model output is empty"
              : "the extracted code is empty",
          ),
        ]
      : inner.notes;
  const start = createLineIndex(raw).position(mapOffset(inner.map, 0));
  return {
    python: inner.python,
    offset: { line: start.line, column: start.column },
    notes,
    map: inner.map,
  };
}

function extractFrom(text: string, depth: number): Inner {
  if (text.trim() === "") return { python: "", map: IDENTITY, notes: [] };
  if (depth < MAX_NESTING && /^\s*[[{]/.test(text)) {
    const json = fromJson(text, depth);
    if (json !== undefined) return json;
  }
  const { blocks, lines } = findFencedBlocks(text);
  if (blocks.length > 0) return fromFence(text, blocks, lines, depth);
  const prose = findProse(text, lines);
  const notes: Diagnostic[] = [];
  if (prose.linesBefore > 0 || prose.linesAfter > 0)
    notes.push(
      note(
        modelOutputCodes.prose,
        proseMessage(prose.linesBefore, prose.linesAfter, "the code"),
      ),
    );
  return {
    python: text.slice(prose.codeStart, prose.codeEnd),
    map: { kind: "shift", delta: prose.codeStart },
    notes,
  };
}

const PYTHON_LANGUAGES = new Set(["python", "py", "python3", "py3", ""]);

function fromFence(
  text: string,
  blocks: readonly FencedBlock[],
  lines: readonly TextLine[],
  depth: number,
): Inner {
  let index = blocks.findIndex((b) =>
    text.slice(b.contentStart, b.contentEnd).includes("@workflow"),
  );
  let why = "the one containing `@workflow`";
  if (index < 0) {
    index = blocks.findIndex((b) => PYTHON_LANGUAGES.has(b.language));
    why = "the first Python block";
  }
  if (index < 0) {
    index = 0;
    why = "no block is marked as Python: the first one";
  }
  const block = blocks[index] ?? blocks[0];
  if (block === undefined) return { python: text, map: IDENTITY, notes: [] };
  const fence = `${block.fence}${block.language}`;
  const notes: Diagnostic[] = [
    note(
      modelOutputCodes.fenced,
      `removed the ${fence} code fence around the code`,
    ),
  ];
  if (block.closeLine === undefined)
    notes.push(
      note(
        modelOutputCodes.unclosedFence,
        `the ${fence} code block is never closed: the output may be truncated`,
        "check that the code is complete",
      ),
    );
  if (blocks.length > 1)
    notes.push(
      note(
        modelOutputCodes.severalBlocks,
        `used code block ${index + 1} of ${blocks.length} (${why}) and ignored the others`,
        "write the whole workflow in one code block",
      ),
    );
  const before = proseLines(text, lines, 0, blocks[0]?.openLine ?? 0, blocks);
  const lastBlock = blocks[blocks.length - 1];
  const after =
    lastBlock?.closeLine === undefined
      ? 0
      : proseLines(text, lines, lastBlock.closeLine + 1, lines.length, blocks);
  if (before > 0 || after > 0)
    notes.push(
      note(
        modelOutputCodes.prose,
        proseMessage(before, after, "the code block"),
      ),
    );
  const content = text.slice(block.contentStart, block.contentEnd);
  const shift: OffsetMap = { kind: "shift", delta: block.contentStart };
  // A fenced tool call or JSON workflow (```json) is unwrapped further.
  if (depth < MAX_NESTING && /^\s*[[{]/.test(content)) {
    const json = fromJson(content, depth + 1);
    if (json !== undefined)
      return {
        python: json.python,
        map: composeMaps(shift, json.map, json.python.length),
        notes: [...notes, ...json.notes],
      };
  }
  return { python: content, map: shift, notes };
}

/** Non-blank lines in `[from, to)` outside every block: the text around the code. */
function proseLines(
  text: string,
  lines: readonly TextLine[],
  from: number,
  to: number,
  blocks: readonly FencedBlock[],
): number {
  let count = 0;
  for (let l = from; l < to; l++) {
    const inBlock = blocks.some(
      (b) => l >= b.openLine && l <= (b.closeLine ?? Number.MAX_SAFE_INTEGER),
    );
    const line = lines[l];
    if (
      !inBlock &&
      line !== undefined &&
      text.slice(line.start, line.end).trim() !== ""
    )
      count++;
  }
  return count;
}

function proseMessage(before: number, after: number, what: string): string {
  const lines = (n: number): string => `${n} line${n === 1 ? "" : "s"}`;
  if (after === 0) return `removed ${lines(before)} of text before ${what}`;
  if (before === 0) return `removed ${lines(after)} of text after ${what}`;
  return `removed ${lines(before)} of text before ${what} and ${lines(after)} after it`;
}

// JSON -----------------------------------------------------------------------------------

/** Fields that hold the code in tool calls, most specific first. */
const CODE_FIELDS = [
  "code",
  "python",
  "python_code",
  "source",
  "source_code",
  "program",
  "script",
  "workflow",
  "content",
  "text",
];

/** Where a tool call keeps its argument object (OpenAI, Anthropic and common variants). */
const ARGUMENT_FIELDS = ["arguments", "input", "parameters", "args"];

interface FoundCode {
  readonly code: string;
  /** Code offsets → offsets in the JSON text. */
  readonly map: OffsetMap;
  readonly field: string;
  readonly tool: string | undefined;
}

type Found = FoundCode | "workflow" | undefined;

function fromJson(text: string, depth: number): Inner | undefined {
  const value = parseLocatedJson(text);
  if (value === undefined) return undefined;
  const found = findCode(value, text, IDENTITY, 0);
  if (found === "workflow" || (found === undefined && isWorkflowJson(value)))
    return { python: "", map: IDENTITY, notes: [jsonWorkflowNote()] };
  if (found === undefined) {
    if (!looksLikeToolCall(value)) return undefined;
    return {
      python: "",
      map: IDENTITY,
      notes: [
        {
          code: modelOutputCodes.toolCall,
          severity: "error",
          message: "the tool call has no string field holding the Python code",
          hint: "pass the workflow's Python as a string in the `code` argument",
        },
      ],
    };
  }
  const name = found.tool === undefined ? "" : ` \`${found.tool}\``;
  const notes = [
    note(
      modelOutputCodes.toolCall,
      `took the code from the \`${found.field}\` field of the tool call${name} and removed the JSON around it`,
    ),
  ];
  const inner = extractFrom(found.code, depth + 1);
  return {
    python: inner.python,
    map: composeMaps(found.map, inner.map, inner.python.length),
    notes: [...notes, ...inner.notes],
  };
}

function entry(value: LocatedJson, key: string): LocatedJson | undefined {
  if (value.kind !== "object") return undefined;
  return value.entries.find((e) => e.key === key)?.value;
}

function isWorkflowJson(value: LocatedJson): boolean {
  return (
    value.kind === "object" &&
    value.entries.some((e) => e.key === "__metadata" || e.key === "root")
  );
}

function looksLikeToolCall(value: LocatedJson): boolean {
  if (value.kind === "array") return value.items.some(looksLikeToolCall);
  return (
    value.kind === "object" &&
    value.entries.some(
      (e) =>
        e.key === "tool_calls" ||
        e.key === "function" ||
        ARGUMENT_FIELDS.includes(e.key),
    )
  );
}

/** `map` takes offsets in the text `value` was parsed from to offsets in the outer text. */
function findCode(
  value: LocatedJson,
  text: string,
  map: OffsetMap,
  level: number,
): Found {
  if (level > 6) return undefined;
  if (value.kind === "array") {
    const all = value.items.map((item) => findCode(item, text, map, level + 1));
    return (
      all.find((f) => typeof f === "object" && f.code.includes("@workflow")) ??
      all.find((f) => f !== undefined)
    );
  }
  if (value.kind !== "object") return undefined;
  const calls = entry(value, "tool_calls");
  if (calls !== undefined) return findCode(calls, text, map, level + 1);
  const fn = entry(value, "function");
  if (fn?.kind === "object") return findCode(fn, text, map, level + 1);
  const nameNode = entry(value, "name");
  const tool = nameNode?.kind === "string" ? nameNode.value : undefined;
  for (const field of ARGUMENT_FIELDS) {
    const args = entry(value, field);
    if (args === undefined) continue;
    if (args.kind === "object") {
      if (isWorkflowJson(args)) return "workflow";
      return codeField(args, text, map, true, field, tool);
    }
    if (args.kind !== "string") continue;
    const argsMap = stringMap(text, args, map);
    const inner = /^\s*[[{]/.test(args.value)
      ? parseLocatedJson(args.value)
      : undefined;
    if (inner?.kind === "object") {
      if (isWorkflowJson(inner)) return "workflow";
      return codeField(inner, args.value, argsMap, true, field, tool);
    }
    return { code: args.value, map: argsMap, field, tool };
  }
  if (isWorkflowJson(value)) return "workflow";
  return codeField(value, text, map, false, undefined, tool);
}

function codeField(
  args: LocatedJson & { readonly kind: "object" },
  text: string,
  map: OffsetMap,
  allowOnlyString: boolean,
  argsField: string | undefined,
  tool: string | undefined,
): Found {
  const strings = args.entries.filter((e) => e.value.kind === "string");
  const chosen =
    CODE_FIELDS.map((f) => strings.find((e) => e.key === f)).find(
      (e) => e !== undefined,
    ) ??
    (allowOnlyString && strings.length === 1 ? strings[0] : undefined) ??
    (allowOnlyString
      ? strings.find(
          (e) =>
            e.value.kind === "string" && e.value.value.includes("@workflow"),
        )
      : undefined);
  if (chosen === undefined || chosen.value.kind !== "string") {
    const nested = args.entries.find((e) => isWorkflowJson(e.value));
    return nested === undefined ? undefined : "workflow";
  }
  return {
    code: chosen.value.value,
    map: stringMap(text, chosen.value, map),
    field: argsField === undefined ? chosen.key : `${argsField}.${chosen.key}`,
    tool,
  };
}

/** The string literal's content offsets in `text`, then through `map` to the outer text. */
function stringMap(
  text: string,
  node: { readonly value: string; readonly contentStart: number },
  map: OffsetMap,
): OffsetMap {
  const table = jsonStringOffsets(text, node.contentStart, node.value.length);
  if (map.kind === "shift") {
    if (map.delta !== 0)
      for (let o = 0; o < table.length; o++)
        table[o] = (table[o] ?? 0) + map.delta;
  } else {
    const outer = map.offsets;
    for (let o = 0; o < table.length; o++) table[o] = outer[table[o] ?? 0] ?? 0;
  }
  return { kind: "table", offsets: table };
}

// Notes ----------------------------------------------------------------------------------

function note(code: string, message: string, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: "warning", message }
    : { code, severity: "warning", message, hint };
}

function emptyNote(message: string): Diagnostic {
  return {
    code: modelOutputCodes.empty,
    severity: "error",
    message,
    hint: "answer with the workflow's Python code",
  };
}

function jsonWorkflowNote(): Diagnostic {
  return {
    code: modelOutputCodes.jsonWorkflow,
    severity: "error",
    message: "the output is a workflow in the JSON format, not Python",
    hint: "write the workflow as Python: `@workflow(...)` with `@trigger(...)` and task calls",
  };
}
