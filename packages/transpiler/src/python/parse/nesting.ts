/**
 * A linear pre-pass that bounds how deeply the recursive-descent parser (and every later
 * tree walk) will recurse, so hostile input such as 50,000 `(` or `not not not …` is
 * rejected with `py-too-deep` before any recursion happens.
 *
 * The estimate counts what nests in the tree: indented blocks, `elif` chains (each
 * `elif` is an `If` inside the previous `orelse`), open brackets, runs of prefix
 * operators (`not`, unary `-`/`+`/`~`, `await`) and right-nested `else`/`lambda`
 * chains (`a if b else c if d else …`). Binary operators do not count: the grammar
 * keeps them flat.
 */
import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";

const operandEnds = [
  T.Name,
  T.NumberLiteral,
  T.StringLiteral,
  T.True,
  T.False,
  T.None,
  T.Ellipsis,
  T.RParen,
  T.RBracket,
  T.RBrace,
];

// What each token type means to the estimate, as bit flags in a table indexed by
// `tokenTypeIdx`: one array read per token instead of several set lookups.
const OPERAND_END = 1;
const OPENER = 2;
const CLOSER = 4;
const PREFIX = 8;

const roles: Uint8Array = (() => {
  const all: readonly TokenType[] = [...T.tokenVocabulary, T.PrefixOperator];
  const table = new Uint8Array(
    Math.max(...all.map((type) => type.tokenTypeIdx ?? 0)) + 1,
  );
  const mark = (types: readonly TokenType[], flag: number): void => {
    for (const type of types) {
      const idx = type.tokenTypeIdx ?? 0;
      table[idx] = (table[idx] ?? 0) | flag;
    }
  };
  mark(operandEnds, OPERAND_END);
  mark([T.LParen, T.LBracket, T.LBrace], OPENER);
  mark([T.RParen, T.RBracket, T.RBrace], CLOSER);
  // What chevrotain's `tokenMatcher(t, PrefixOperator)` accepts: the category and its members.
  mark(
    all.filter(
      (type) =>
        type === T.PrefixOperator ||
        type.CATEGORIES?.includes(T.PrefixOperator) === true,
    ),
    PREFIX,
  );
  return table;
})();

interface Level {
  readonly base: number;
  readonly chain: number;
}

/** The first token at which the nesting estimate exceeds `maxDepth`, if any. */
export function findExcessiveNesting(
  tokens: readonly IToken[],
  maxDepth: number,
): IToken | undefined {
  const brackets: Level[] = [];
  const elifs: number[] = [0];
  let indent = 0;
  let elifTotal = 0;
  let base = 0;
  let run = 0;
  let chain = 0;
  let afterOperand = false;
  let statementStart = true;
  for (const t of tokens) {
    const type = t.tokenType;
    const role = roles[t.tokenTypeIdx] ?? 0;
    if (type === T.Indent) {
      indent++;
      elifs[indent] = 0;
      continue;
    }
    if (type === T.Dedent) {
      elifTotal -= elifs[indent] ?? 0;
      elifs[indent] = 0;
      indent--;
      continue;
    }
    if (type === T.Newline || type === T.Semicolon) {
      run = 0;
      chain = 0;
      afterOperand = false;
      statementStart = true;
      continue;
    }
    if (statementStart) {
      statementStart = false;
      if (type === T.Elif) {
        elifs[indent] = (elifs[indent] ?? 0) + 1;
        elifTotal++;
      } else if (type !== T.Else) {
        elifTotal -= elifs[indent] ?? 0;
        elifs[indent] = 0;
      }
    }
    if ((role & OPENER) !== 0) {
      brackets.push({ base, chain });
      base += run + chain + 1;
      run = 0;
      chain = 0;
    } else if ((role & CLOSER) !== 0) {
      const outer = brackets.pop();
      base = outer?.base ?? 0;
      chain = outer?.chain ?? 0;
      run = 0;
    } else if (type === T.Comma) {
      run = 0;
      chain = 0;
    } else if (
      (role & PREFIX) !== 0 &&
      !(afterOperand && (type === T.Minus || type === T.Plus))
    ) {
      run++;
    } else if (type === T.Else || type === T.Lambda) {
      run = 0;
      chain++;
    } else run = 0;
    afterOperand = (role & OPERAND_END) !== 0;
    if (indent + elifTotal + base + run + chain > maxDepth) return t;
  }
  return undefined;
}
