import type { Result } from "../diagnostics/diagnostic.js";
import type { JsonNode } from "../json/json-node.js";
import type { Module } from "../python/ast/nodes.js";
import type { ReconcilePolicy } from "./reconcile.js";

/**
 * A JSON DSL plugged into the transpiler. The core owns JSON text (lossless parsing,
 * document forms, layout), Python text (parsing and printing) and the trivia mechanism;
 * a dialect only maps a parsed document to the Python AST and back, and says which parts
 * of its documents are formatting. Flow (`dialects/flow`) is the first dialect.
 */
export interface Dialect<Options = unknown> {
  /** Stable name stored in trivia, so trivia is never applied to another dialect's document. */
  readonly name: string;
  /** Document → Python AST, plus dialect facts Python leaves out (e.g. the original step ids in Python order). */
  readonly toPython: (
    document: JsonNode,
    options: Options,
  ) => Result<{ readonly module: Module; readonly facts: DialectFacts }>;
  /** Python AST → a fresh document in the dialect's canonical form; `facts` (from trivia) let it reuse ids. */
  readonly fromPython: (
    module: Module,
    options: Options,
    facts: DialectFacts | undefined,
  ) => Result<JsonNode>;
  /** How fresh documents are merged with the original spelling. */
  readonly reconcile: ReconcilePolicy;
  /** A dialect-independent canonical value: two documents mean the same iff these are deeply equal. */
  readonly canonicalize: (
    document: JsonNode,
    options: Options,
  ) => Result<unknown>;
  readonly defaultOptions: Options;
}

/** JSON-serialisable facts a dialect keeps in trivia. */
export type DialectFacts = { readonly [key: string]: unknown };
