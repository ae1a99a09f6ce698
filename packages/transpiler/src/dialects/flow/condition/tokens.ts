/**
 * Chevrotain token types of the condition DSL (SPEC §b.2). Category tokens (`Lexer.NA`)
 * group the operator and literal families so the grammar can say `BinaryOperator` once.
 *
 * Chevrotain tries patterns in definition order (first match wins), so every multi-char
 * operator precedes its prefixes (`>=` before `>`, `||` before `|`) and the word operators,
 * which all end in `?`, precede `Identifier`.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import { IDENTIFIER_PATTERN, NUMBER_PATTERN } from "./lexical.js";

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /\s+/,
  group: Lexer.SKIPPED,
});

export const LParen = createToken({
  name: "LParen",
  pattern: "(",
  label: "'('",
});
export const RParen = createToken({
  name: "RParen",
  pattern: ")",
  label: "')'",
});
export const Dot = createToken({ name: "Dot", pattern: ".", label: "'.'" });

export const LogicalOperator = createToken({
  name: "LogicalOperator",
  pattern: Lexer.NA,
  label: "'&&' or '||'",
});
export const And = createToken({
  name: "And",
  pattern: "&&",
  label: "'&&'",
  categories: LogicalOperator,
});
export const Or = createToken({
  name: "Or",
  pattern: "||",
  label: "'||'",
  categories: LogicalOperator,
});
export const Pipe = createToken({ name: "Pipe", pattern: "|", label: "'|'" });

export const BinaryOperator = createToken({
  name: "BinaryOperator",
  pattern: Lexer.NA,
  label: "an operator (==, !=, >, include?, in?, …)",
});
export const UnaryOperator = createToken({
  name: "UnaryOperator",
  pattern: Lexer.NA,
  label:
    "a unary operator (nil?, not_nil?, empty_or_nil?, not_empty_and_not_nil?)",
});
export const Quantifier = createToken({
  name: "Quantifier",
  pattern: Lexer.NA,
  label: "a quantifier (any?, all?, none?)",
});
export const Literal = createToken({
  name: "Literal",
  pattern: Lexer.NA,
  label: "a literal ('text', 42, true)",
});

function operator(name: string, text: string, category: TokenType): TokenType {
  return createToken({
    name,
    pattern: text,
    label: `'${text}'`,
    categories: category,
  });
}

const symbolOperators = [
  operator("Eq", "==", BinaryOperator),
  operator("NotEq", "!=", BinaryOperator),
  operator("Gte", ">=", BinaryOperator),
  operator("Lte", "<=", BinaryOperator),
  operator("Gt", ">", BinaryOperator),
  operator("Lt", "<", BinaryOperator),
];

const wordOperators = [
  operator("NotStartWith", "not_start_with?", BinaryOperator),
  operator("StartWith", "start_with?", BinaryOperator),
  operator("NotEndWith", "not_end_with?", BinaryOperator),
  operator("EndWith", "end_with?", BinaryOperator),
  operator("NotInclude", "not_include?", BinaryOperator),
  operator("Include", "include?", BinaryOperator),
  operator("NotIn", "not_in?", BinaryOperator),
  operator("In", "in?", BinaryOperator),
  operator("EmptyOrNil", "empty_or_nil?", UnaryOperator),
  operator("NotEmptyAndNotNil", "not_empty_and_not_nil?", UnaryOperator),
  operator("NotNil", "not_nil?", UnaryOperator),
  operator("Nil", "nil?", UnaryOperator),
  operator("Any", "any?", Quantifier),
  operator("All", "all?", Quantifier),
  operator("None", "none?", Quantifier),
];

export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /'[^']*'/,
  line_breaks: true,
  label: "a string",
  categories: Literal,
});
/** Lexed only so the parser can report a precise "unterminated string" instead of junk. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /'[^']*/,
  line_breaks: true,
  label: "an unterminated string",
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: NUMBER_PATTERN,
  label: "a number",
  categories: Literal,
});
export const Identifier = createToken({
  name: "Identifier",
  pattern: IDENTIFIER_PATTERN,
  label: "a name",
});
export const True = createToken({
  name: "True",
  pattern: "true",
  label: "'true'",
  categories: Literal,
  longer_alt: Identifier,
});
export const False = createToken({
  name: "False",
  pattern: "false",
  label: "'false'",
  categories: Literal,
  longer_alt: Identifier,
});

/** Lexer order (see module comment) followed by the categories the parser also needs. */
export const conditionTokens: readonly TokenType[] = [
  WhiteSpace,
  LParen,
  RParen,
  Dot,
  And,
  Or,
  Pipe,
  ...symbolOperators,
  ...wordOperators,
  StringLiteral,
  UnterminatedString,
  NumberLiteral,
  True,
  False,
  Identifier,
  LogicalOperator,
  BinaryOperator,
  UnaryOperator,
  Quantifier,
  Literal,
];
