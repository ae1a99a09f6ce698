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
import { tokenMatcher, type IToken } from "chevrotain";
import * as T from "./tokens.js";

const operandEnds = new Set([
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
]);
const openers = new Set([T.LParen, T.LBracket, T.LBrace]);
const closers = new Set([T.RParen, T.RBracket, T.RBrace]);

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
    if (openers.has(type)) {
      brackets.push({ base, chain });
      base += run + chain + 1;
      run = 0;
      chain = 0;
    } else if (closers.has(type)) {
      const outer = brackets.pop();
      base = outer?.base ?? 0;
      chain = outer?.chain ?? 0;
      run = 0;
    } else if (type === T.Comma) {
      run = 0;
      chain = 0;
    } else if (
      tokenMatcher(t, T.PrefixOperator) &&
      !(afterOperand && (type === T.Minus || type === T.Plus))
    ) {
      run++;
    } else if (type === T.Else || type === T.Lambda) {
      run = 0;
      chain++;
    } else run = 0;
    afterOperand = operandEnds.has(type);
    if (indent + elifTotal + base + run + chain > maxDepth) return t;
  }
  return undefined;
}
