import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import { codes } from "../../diagnostics/codes.js";
import { error, fail, type Result } from "../../diagnostics/diagnostic.js";
import { InternalError } from "../../diagnostics/errors.js";
import type { Module } from "../ast/nodes.js";
import { prepareSource } from "./prepare-source.js";
import { treeSitterToAst } from "./tree-sitter-to-ast.js";

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
}

const DEFAULT_MAX_LENGTH = 1_000_000;
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
  // and each call deletes its own tree before returning.
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse: (text, options = {}) => {
      const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
      if (text.length > maxLength) {
        return fail([
          error(
            codes.pyTooLarge,
            `the Python text is too large (${text.length} characters, the limit is ${maxLength})`,
            {
              hint: "split the workflow or raise maxLength",
            },
          ),
        ]);
      }
      const source = prepareSource(text);
      const tree = parser.parse(source.forParser);
      if (tree === null)
        throw new InternalError(
          "tree-sitter returned no tree although a language is set",
        );
      try {
        return treeSitterToAst(
          tree.rootNode,
          source,
          options.maxDepth ?? DEFAULT_MAX_DEPTH,
        );
      } finally {
        tree.delete();
      }
    },
  };
}
