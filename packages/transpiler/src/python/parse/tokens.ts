/**
 * Chevrotain token types for Python. The lexer (`lexer.ts`) is hand-written and builds
 * token instances of these types directly, so no type here carries a regex pattern.
 * The vocabulary covers ALL of Python's tokens, not only the subset's: unsupported
 * constructs must be recognised to be reported as `py-unsupported` rather than as
 * syntax errors (see `grammars/python-subset.ebnf`).
 *
 * Categories let one `CONSUME` match a family of tokens:
 * - `Plain`: every token except brackets, `:`, `;` and layout tokens; used to skip the
 *   inside of unsupported statements without understanding it.
 * - `BinaryOperator`: every infix operator; the grammar keeps binary expressions flat and
 *   `cst-to-ast.ts` applies Python's precedence (fewer rule calls per operand).
 * - `SimpleStatementKeyword` / `CompoundStatementKeyword`: keywords that start a
 *   statement outside the subset.
 */
import { createToken, type TokenType } from "chevrotain";

const category = (name: string): TokenType => createToken({ name });

export const Plain = category("Plain");
export const BinaryOperator = category("BinaryOperator");
export const CompareOperator = category("CompareOperator");
export const SimpleStatementKeyword = category("SimpleStatementKeyword");
export const CompoundStatementKeyword = category("CompoundStatementKeyword");
export const PrefixOperator = category("PrefixOperator");

const token = (
  name: string,
  label: string,
  ...categories: TokenType[]
): TokenType =>
  createToken({ name, label, categories: [Plain, ...categories] });

// ---------------------------------------------------------------- layout (not Plain)

export const Newline = createToken({ name: "Newline", label: "end of line" });
export const Indent = createToken({ name: "Indent", label: "indent" });
export const Dedent = createToken({ name: "Dedent", label: "dedent" });

// ---------------------------------------------------------------- atoms

export const Name = token("Name", "name");
export const NumberLiteral = token("NumberLiteral", "number");
export const StringLiteral = token("StringLiteral", "string");

// ---------------------------------------------------------------- keywords

export const True = token("True", "'True'");
export const False = token("False", "'False'");
export const None = token("None", "'None'");
export const And = token("And", "'and'", BinaryOperator);
export const Or = token("Or", "'or'", BinaryOperator);
export const Not = token("Not", "'not'", PrefixOperator);
export const In = token("In", "'in'", BinaryOperator, CompareOperator);
/** `not in`, merged by the lexer: after `not`, `in` can only be this operator. */
export const NotIn = token(
  "NotIn",
  "'not in'",
  BinaryOperator,
  CompareOperator,
);
export const Is = token("Is", "'is'", BinaryOperator, CompareOperator);
/** `is not`, merged by the lexer: after `is`, `not` can only be this operator. */
export const IsNot = token(
  "IsNot",
  "'is not'",
  BinaryOperator,
  CompareOperator,
);
export const If = token("If", "'if'");
export const Elif = token("Elif", "'elif'");
export const Else = token("Else", "'else'");
export const For = token("For", "'for'");
export const Def = token("Def", "'def'");
export const With = token("With", "'with'");
export const Pass = token("Pass", "'pass'");
export const As = token("As", "'as'");
export const Lambda = token("Lambda", "'lambda'");
export const Yield = token("Yield", "'yield'", SimpleStatementKeyword);
export const Await = token("Await", "'await'", PrefixOperator);
export const Except = token("Except", "'except'");
export const Finally = token("Finally", "'finally'");
export const Import = token("Import", "'import'", SimpleStatementKeyword);
export const From = token("From", "'from'", SimpleStatementKeyword);
export const Return = token("Return", "'return'", SimpleStatementKeyword);
export const Global = token("Global", "'global'", SimpleStatementKeyword);
export const Nonlocal = token("Nonlocal", "'nonlocal'", SimpleStatementKeyword);
export const Del = token("Del", "'del'", SimpleStatementKeyword);
export const Assert = token("Assert", "'assert'", SimpleStatementKeyword);
export const Raise = token("Raise", "'raise'", SimpleStatementKeyword);
export const Break = token("Break", "'break'", SimpleStatementKeyword);
export const Continue = token("Continue", "'continue'", SimpleStatementKeyword);
export const Class = token("Class", "'class'", CompoundStatementKeyword);
export const While = token("While", "'while'", CompoundStatementKeyword);
export const Try = token("Try", "'try'", CompoundStatementKeyword);
export const Async = token("Async", "'async'", CompoundStatementKeyword);

// ---------------------------------------------------------------- brackets and punctuation (not Plain)

export const LParen = createToken({ name: "LParen", label: "'('" });
export const RParen = createToken({ name: "RParen", label: "')'" });
export const LBracket = createToken({ name: "LBracket", label: "'['" });
export const RBracket = createToken({ name: "RBracket", label: "']'" });
export const LBrace = createToken({ name: "LBrace", label: "'{'" });
export const RBrace = createToken({ name: "RBrace", label: "'}'" });
export const Colon = createToken({ name: "Colon", label: "':'" });
export const Semicolon = createToken({ name: "Semicolon", label: "';'" });

// ---------------------------------------------------------------- operators

export const Comma = token("Comma", "','");
export const Dot = token("Dot", "'.'");
export const Ellipsis = token("Ellipsis", "'...'");
export const Equals = token("Equals", "'='");
export const Walrus = token("Walrus", "':='");
export const Arrow = token("Arrow", "'->'");
export const At = token("At", "'@'", BinaryOperator);
export const Star = token("Star", "'*'", BinaryOperator);
export const DoubleStar = token("DoubleStar", "'**'", BinaryOperator);
export const Minus = token("Minus", "'-'", BinaryOperator, PrefixOperator);
export const Plus = token("Plus", "'+'", BinaryOperator, PrefixOperator);
export const Tilde = token("Tilde", "'~'", PrefixOperator);
export const Slash = token("Slash", "'/'", BinaryOperator);
export const DoubleSlash = token("DoubleSlash", "'//'", BinaryOperator);
export const Percent = token("Percent", "'%'", BinaryOperator);
export const LeftShift = token("LeftShift", "'<<'", BinaryOperator);
export const RightShift = token("RightShift", "'>>'", BinaryOperator);
export const Ampersand = token("Ampersand", "'&'", BinaryOperator);
export const Pipe = token("Pipe", "'|'", BinaryOperator);
export const Caret = token("Caret", "'^'", BinaryOperator);
export const Less = token("Less", "'<'", BinaryOperator, CompareOperator);
export const Greater = token("Greater", "'>'", BinaryOperator, CompareOperator);
export const LessEqual = token(
  "LessEqual",
  "'<='",
  BinaryOperator,
  CompareOperator,
);
export const GreaterEqual = token(
  "GreaterEqual",
  "'>='",
  BinaryOperator,
  CompareOperator,
);
export const EqualEqual = token(
  "EqualEqual",
  "'=='",
  BinaryOperator,
  CompareOperator,
);
export const NotEqual = token(
  "NotEqual",
  "'!='",
  BinaryOperator,
  CompareOperator,
);
export const AugmentedAssign = token("AugmentedAssign", "augmented assignment");

/** Every token type, categories first (chevrotain needs them all to build the parser). */
export const tokenVocabulary: readonly TokenType[] = [
  Plain,
  BinaryOperator,
  CompareOperator,
  SimpleStatementKeyword,
  CompoundStatementKeyword,
  PrefixOperator,
  Newline,
  Indent,
  Dedent,
  Name,
  NumberLiteral,
  StringLiteral,
  True,
  False,
  None,
  And,
  Or,
  Not,
  In,
  NotIn,
  Is,
  IsNot,
  If,
  Elif,
  Else,
  For,
  Def,
  With,
  Pass,
  As,
  Lambda,
  Yield,
  Await,
  Except,
  Finally,
  Import,
  From,
  Return,
  Global,
  Nonlocal,
  Del,
  Assert,
  Raise,
  Break,
  Continue,
  Class,
  While,
  Try,
  Async,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Colon,
  Semicolon,
  Comma,
  Dot,
  Ellipsis,
  Equals,
  Walrus,
  Arrow,
  At,
  Star,
  DoubleStar,
  Minus,
  Plus,
  Tilde,
  Slash,
  DoubleSlash,
  Percent,
  LeftShift,
  RightShift,
  Ampersand,
  Pipe,
  Caret,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  EqualEqual,
  NotEqual,
  AugmentedAssign,
];

/** Python's hard keywords. `match`, `case`, `type` and `_` are soft keywords: names here. */
export const keywords: ReadonlyMap<string, TokenType> = new Map([
  ["True", True],
  ["False", False],
  ["None", None],
  ["and", And],
  ["or", Or],
  ["not", Not],
  ["in", In],
  ["is", Is],
  ["if", If],
  ["elif", Elif],
  ["else", Else],
  ["for", For],
  ["def", Def],
  ["with", With],
  ["pass", Pass],
  ["as", As],
  ["lambda", Lambda],
  ["yield", Yield],
  ["await", Await],
  ["except", Except],
  ["finally", Finally],
  ["import", Import],
  ["from", From],
  ["return", Return],
  ["global", Global],
  ["nonlocal", Nonlocal],
  ["del", Del],
  ["assert", Assert],
  ["raise", Raise],
  ["break", Break],
  ["continue", Continue],
  ["class", Class],
  ["while", While],
  ["try", Try],
  ["async", Async],
]);

/** Operators by lexeme; the lexer tries 3, then 2, then 1 characters (longest match). */
export const operators: ReadonlyMap<string, TokenType> = new Map([
  ["(", LParen],
  [")", RParen],
  ["[", LBracket],
  ["]", RBracket],
  ["{", LBrace],
  ["}", RBrace],
  [":", Colon],
  [";", Semicolon],
  [",", Comma],
  [".", Dot],
  ["...", Ellipsis],
  ["=", Equals],
  [":=", Walrus],
  ["->", Arrow],
  ["@", At],
  ["*", Star],
  ["**", DoubleStar],
  ["-", Minus],
  ["+", Plus],
  ["~", Tilde],
  ["/", Slash],
  ["//", DoubleSlash],
  ["%", Percent],
  ["<<", LeftShift],
  [">>", RightShift],
  ["&", Ampersand],
  ["|", Pipe],
  ["^", Caret],
  ["<", Less],
  [">", Greater],
  ["<=", LessEqual],
  [">=", GreaterEqual],
  ["==", EqualEqual],
  ["!=", NotEqual],
  ["+=", AugmentedAssign],
  ["-=", AugmentedAssign],
  ["*=", AugmentedAssign],
  ["/=", AugmentedAssign],
  ["//=", AugmentedAssign],
  ["%=", AugmentedAssign],
  ["@=", AugmentedAssign],
  ["&=", AugmentedAssign],
  ["|=", AugmentedAssign],
  ["^=", AugmentedAssign],
  [">>=", AugmentedAssign],
  ["<<=", AugmentedAssign],
  ["**=", AugmentedAssign],
]);
