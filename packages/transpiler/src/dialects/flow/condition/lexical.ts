/**
 * Lexical rules of the condition DSL (SPEC §b.2), as predicates. The lexer in `tokens.ts`
 * uses the same patterns; the printer and the tree decoder use these to refuse values the
 * DSL cannot spell, so anything they accept reparses to the same condition.
 */

export const IDENTIFIER_PATTERN = /[A-Za-z_][A-Za-z0-9_]*/;
export const NUMBER_PATTERN = /-?[0-9]+(?:\.[0-9]+)?/;

const identifierRe = new RegExp(`^${IDENTIFIER_PATTERN.source}$`);
const numberRe = new RegExp(`^${NUMBER_PATTERN.source}$`);

/** `true`/`false` lex as boolean literals, so they can never be path segments or binders. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(["true", "false"]);

export function isIdentifier(text: string): boolean {
  return identifierRe.test(text) && !RESERVED_WORDS.has(text);
}

export function isPath(text: string): boolean {
  return text.split(".").every(isIdentifier);
}

export function isNumberText(text: string): boolean {
  return numberRe.test(text);
}

export function isBooleanText(text: string): boolean {
  return text === "true" || text === "false";
}

/** Offset of the first `{{` or `{%` (Liquid markers, rejected in conditions: SPEC §b.1), or -1. */
export function findLiquidMarker(text: string): number {
  for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 123 /* { */ || next === 37 /* % */) return i;
  }
  return -1;
}

/**
 * Maximum parenthesis nesting the parser accepts and the printer produces. Real conditions
 * nest a handful of levels; the bound keeps the recursive-descent parser and every
 * recursive walk far from the call-stack limit on hostile input.
 */
export const MAX_CONDITION_DEPTH = 100;
