import { createRequire } from "node:module";
import {
  Edit,
  Language,
  Parser,
  type Node,
  type Point,
  type Tree,
} from "web-tree-sitter";
import { codes } from "../../diagnostics/codes.js";
import {
  error,
  fail,
  type Diagnostic,
  type Result,
} from "../../diagnostics/diagnostic.js";
import { InternalError } from "../../diagnostics/errors.js";
import type { Module } from "../ast/nodes.js";
import { equalUpTo } from "./equal-up-to.js";
import {
  prepareSource,
  prepareSourceFrom,
  type PreparedSource,
} from "./prepare-source.js";
import {
  treeSitterDiagnostics,
  treeSitterToAst,
} from "./tree-sitter-to-ast.js";

/** Limits from `grammars/python-subset.ebnf` part 5, with the same defaults as `parsePython`. */
export interface TreeSitterParseOptions {
  /** Longest accepted text in UTF-16 code units (default 1,000,000): `py-too-large`. */
  readonly maxLength?: number;
  /** Deepest accepted nesting (default 100): `py-too-deep`. */
  readonly maxDepth?: number;
}

/** The tree-sitter Python frontend: same output as `parsePython`, from a different parser. */
export interface TreeSitterPython {
  readonly parse: (
    text: string,
    options?: TreeSitterParseOptions,
  ) => Result<Module>;
  /**
   * For callers that parse many variants of one text (`diagnoseAll` blanks a few lines
   * per round): each parse of the session reuses the previous tree wherever the text did
   * not change (tree-sitter's incremental parsing), so a round costs about the size of its
   * changes instead of the whole text. Results are the same as `parse`'s. `close` frees
   * the last tree; a session must not outlive its caller's `try`.
   */
  readonly session: (options?: TreeSitterParseOptions) => ParseSession;
}

export interface ParseSession {
  readonly parse: (text: string) => Result<Module>;
  /**
   * `parse(text)`'s diagnostics (none when it is ok), without building the module: when
   * tree-sitter finds no syntax error and `valid(text)` vouches for the text, the
   * conversion is skipped (see `treeSitterDiagnostics`).
   */
  readonly diagnose: (
    text: string,
    valid: (text: string) => boolean,
  ) => readonly Diagnostic[];
  readonly close: () => void;
}

/** Exported for callers that measure the text before parsing it (`diagnoseAll`). */
export const DEFAULT_MAX_LENGTH = 1_000_000;
const DEFAULT_MAX_DEPTH = 100;

/**
 * Loads the wasm runtime and the Python grammar (both shipped inside their npm packages, no
 * native build) once per process; later calls return the same instance.
 *
 * @example
 * const python = await loadTreeSitterPython();
 * const result = python.parse("x = f(1)\n");
 * if (!result.ok) console.log(result.diagnostics);
 */
export function loadTreeSitterPython(): Promise<TreeSitterPython> {
  loading ??= load().catch((e: unknown) => {
    // A failed load (missing wasm) must not poison later attempts.
    loading = undefined;
    throw e;
  });
  return loading;
}

// Loading costs tens of milliseconds, so it happens once and the promise is shared.
let loading: Promise<TreeSitterPython> | undefined;

async function load(): Promise<TreeSitterPython> {
  const require = createRequire(import.meta.url);
  await Parser.init({
    locateFile: (file: string) => require.resolve(`web-tree-sitter/${file}`),
  });
  const language = await Language.load(
    require.resolve("tree-sitter-python/tree-sitter-python.wasm"),
  );
  // One parser for every call is safe: `parse` is synchronous, so calls cannot interleave,
  // and each call deletes its own tree before returning (a session keeps one tree, its own).
  const parser = new Parser();
  parser.setLanguage(language);
  /**
   * One parse, read by `read` (or `tooLarge` without parsing); the tree is deleted unless
   * `keep` (a session's next `previous`).
   */
  const parseOnce = <R>(
    text: string,
    options: TreeSitterParseOptions,
    previous: Previous | undefined,
    keep: boolean,
    read: (root: Node, source: PreparedSource, maxDepth: number) => R,
    tooLarge: (d: Diagnostic) => R,
  ): { readonly result: R; readonly kept?: Previous } => {
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    if (text.length > maxLength) {
      return {
        result: tooLarge(
          error(
            codes.pyTooLarge,
            `the Python text is too large (${text.length} characters, the limit is ${maxLength})`,
            {
              hint: "split the workflow or raise maxLength",
            },
          ),
        ),
      };
    }
    const source =
      (previous === undefined
        ? undefined
        : prepareSourceFrom(previous.source, text)) ?? prepareSource(text);
    const forParser = source.forParser;
    const rows =
      previous === undefined
        ? undefined
        : editTree(
            previous.tree,
            previous.source.forParser,
            forParser,
            previous.rows,
          );
    const old = rows === undefined ? null : (previous?.tree ?? null);
    // Chunks, not the whole rest of the text from `index`: web-tree-sitter copies each
    // answer into wasm memory up to its 5,000-character buffer, one character at a time,
    // and a re-parse asks again wherever it lexes (about fifty places in a round of
    // `diagnoseAll`), so whole answers cost more than the re-parse itself. The tree does
    // not depend on how the text is handed over.
    const tree = parser.parse((index) => chunkAt(forParser, index), old);
    if (tree === null)
      throw new InternalError(
        "tree-sitter returned no tree although a language is set",
      );
    let kept = false;
    try {
      const result = read(
        tree.rootNode,
        source,
        options.maxDepth ?? DEFAULT_MAX_DEPTH,
      );
      kept = keep;
      return kept ? { result, kept: { tree, source, rows } } : { result };
    } finally {
      if (!kept) tree.delete();
    }
  };
  const failed = (d: Diagnostic): Result<Module> => fail([d]);
  return {
    parse: (text, options = {}) =>
      parseOnce(text, options, undefined, false, treeSitterToAst, failed)
        .result,
    session: (options = {}) => {
      let previous: Previous | undefined;
      const close = (): void => {
        previous?.tree.delete();
        previous = undefined;
      };
      const next = <R>(
        text: string,
        read: (root: Node, source: PreparedSource, maxDepth: number) => R,
        tooLarge: (d: Diagnostic) => R,
      ): R => {
        const { result, kept } = parseOnce(
          text,
          options,
          previous,
          true,
          read,
          tooLarge,
        );
        close();
        previous = kept;
        return result;
      };
      return {
        parse: (text) => next(text, treeSitterToAst, failed),
        diagnose: (text, valid) =>
          next(
            text,
            (root, source, maxDepth) =>
              treeSitterDiagnostics(root, source, maxDepth, () => valid(text)),
            (d) => [d],
          ),
        close,
      };
    },
  };
}

interface Previous {
  readonly tree: Tree;
  readonly source: PreparedSource;
  /**
   * `lineStarts(source.forParser)` once an edit computed them: the next edit updates them
   * instead of searching the whole text again.
   */
  readonly rows: readonly number[] | undefined;
}

/** Characters per answer to tree-sitter's read callback (see `parseOnce`). */
const CHUNK = 512;

function chunkAt(text: string, index: number): string {
  let end = index + CHUNK;
  // A surrogate pair is handed over whole (tree-sitter would ask again for one cut in two).
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end++;
  return text.slice(index, end);
}

/**
 * Tells `tree` (parsed from `before`, whose rows start at `beforeRows`) where `after`
 * differs, so tree-sitter re-parses only there, and returns the rows of `after`;
 * `undefined` when the texts cannot be related this way (different lengths). Edits apply
 * in order, so each one's positions are in a text that is `after` up to its start and
 * `before` from there (rows can differ: blanking a bracket turns spaces back into line
 * breaks).
 */
function editTree(
  tree: Tree,
  before: string,
  after: string,
  beforeRows: readonly number[] | undefined,
): readonly number[] | undefined {
  if (before.length !== after.length) return undefined;
  const ranges = changedRanges(before, after);
  const rows = rowsAfter(beforeRows ?? lineStarts(before), after, ranges);
  const point = (offset: number): Point => {
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((rows[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - (rows[lo] ?? 0) };
  };
  for (const [start, end] of ranges) {
    const startPosition = point(start);
    tree.edit(
      new Edit({
        startIndex: start,
        oldEndIndex: end,
        newEndIndex: end,
        startPosition,
        oldEndPosition: advance(startPosition, before, start, end),
        newEndPosition: point(end),
      }),
    );
  }
  return rows;
}

/**
 * The row starts of `after`, from those of a text of the same length that differs from it
 * only in `ranges` (ascending): a row starts after each "\n", so only starts just after a
 * changed character can differ.
 */
function rowsAfter(
  beforeRows: readonly number[],
  after: string,
  ranges: readonly (readonly [number, number])[],
): readonly number[] {
  if (ranges.length === 0) return beforeRows;
  const rows: number[] = [];
  let k = 0;
  for (const [start, end] of ranges) {
    // Starts up to `start` (a "\n" before the range) are unchanged.
    while (k < beforeRows.length && (beforeRows[k] ?? 0) <= start)
      rows.push(beforeRows[k++] ?? 0);
    while (k < beforeRows.length && (beforeRows[k] ?? 0) <= end) k++;
    for (let i = after.indexOf("\n", start); i >= 0 && i < end;) {
      rows.push(i + 1);
      i = after.indexOf("\n", i + 1);
    }
  }
  while (k < beforeRows.length) rows.push(beforeRows[k++] ?? 0);
  return rows;
}

/** The position after `text[from, to)`, starting at `at`. */
function advance(at: Point, text: string, from: number, to: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to;) {
    row++;
    lineStart = i + 1;
    i = text.indexOf("\n", i + 1);
  }
  return { row, column: to - lineStart };
}

/** Where two texts of the same length differ, as `[start, end)` ranges (close ones merged). */
function changedRanges(a: string, b: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    i = equalUpTo(a, b, i);
    if (i >= a.length) break;
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    let last = i;
    for (let j = i + 1; j < a.length && j - last <= 64; j++)
      if (a.charCodeAt(j) !== b.charCodeAt(j)) last = j;
    ranges.push([i, last + 1]);
    i = last;
  }
  return ranges;
}

/** Offsets where tree-sitter's rows start (it breaks rows at "\n" only). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
    starts.push(i + 1);
  return starts;
}
