import type { Span } from "../../source/span.js";

/**
 * The Python subset as plain readonly data. Node and field names follow CPython's `ast`
 * module so `ast.dump` output can be compared directly. `span` is set by parsers and
 * absent on nodes built by dialects; it never takes part in equality (see `normalize.ts`).
 */
interface Base {
  readonly span?: Span;
}

// ---------------------------------------------------------------- module and statements

export interface Module extends Base {
  readonly kind: "Module";
  readonly body: readonly Stmt[];
}

/** `def name(args): body` with decorators; only plain positional parameter names. */
export interface FunctionDef extends Base {
  readonly kind: "FunctionDef";
  readonly name: string;
  readonly args: readonly string[];
  readonly body: readonly Stmt[];
  readonly decorator_list: readonly Expr[];
}

export interface If extends Base {
  readonly kind: "If";
  readonly test: Expr;
  readonly body: readonly Stmt[];
  /** Empty when there is no `else`. A single nested `If` prints as `elif`. */
  readonly orelse: readonly Stmt[];
}

export interface For extends Base {
  readonly kind: "For";
  readonly target: Name;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
}

export interface WithItem {
  readonly context_expr: Expr;
  readonly optional_vars?: Name;
}

export interface With extends Base {
  readonly kind: "With";
  readonly items: readonly WithItem[];
  readonly body: readonly Stmt[];
}

/** Single target assignment `name = value`. */
export interface Assign extends Base {
  readonly kind: "Assign";
  readonly targets: readonly [Name];
  readonly value: Expr;
}

/** An expression used as a statement (calls, docstring-like strings). */
export interface ExprStmt extends Base {
  readonly kind: "Expr";
  readonly value: Expr;
}

export interface Pass extends Base {
  readonly kind: "Pass";
}

export type Stmt = FunctionDef | If | For | With | Assign | ExprStmt | Pass;

// ---------------------------------------------------------------- expressions

export type BoolOperator = "And" | "Or";
export type UnaryOperator = "Not" | "USub";
export type CmpOperator =
  | "Eq"
  | "NotEq"
  | "Lt"
  | "LtE"
  | "Gt"
  | "GtE"
  | "In"
  | "NotIn"
  | "Is"
  | "IsNot";

export interface BoolOp extends Base {
  readonly kind: "BoolOp";
  readonly op: BoolOperator;
  /** At least two values. */
  readonly values: readonly Expr[];
}

export interface UnaryOp extends Base {
  readonly kind: "UnaryOp";
  readonly op: UnaryOperator;
  readonly operand: Expr;
}

/** `left ops[0] comparators[0] ops[1] comparators[1] …` */
export interface Compare extends Base {
  readonly kind: "Compare";
  readonly left: Expr;
  readonly ops: readonly CmpOperator[];
  readonly comparators: readonly Expr[];
}

export interface Keyword extends Base {
  readonly arg: string;
  readonly value: Expr;
}

export interface Call extends Base {
  readonly kind: "Call";
  readonly func: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
}

export interface Attribute extends Base {
  readonly kind: "Attribute";
  readonly value: Expr;
  readonly attr: string;
}

export interface Name extends Base {
  readonly kind: "Name";
  readonly id: string;
}

/**
 * A literal. Strings hold their decoded value (the printer chooses quotes and escapes).
 * Numbers keep their source lexeme in `raw` (decimal digits, optional fraction and
 * exponent; never a sign: negative numbers are `UnaryOp(USub, Constant)`), so
 * `10.00` and integers beyond 2^53 survive. `value` for numbers is `Number(raw)`.
 */
export type Constant = StrConstant | NumConstant | BoolConstant | NoneConstant;

export interface StrConstant extends Base {
  readonly kind: "Constant";
  readonly value: string;
}
export interface NumConstant extends Base {
  readonly kind: "Constant";
  readonly value: number;
  readonly raw: string;
}
export interface BoolConstant extends Base {
  readonly kind: "Constant";
  readonly value: boolean;
}
export interface NoneConstant extends Base {
  readonly kind: "Constant";
  readonly value: null;
}

export interface List extends Base {
  readonly kind: "List";
  readonly elts: readonly Expr[];
}

export interface Tuple extends Base {
  readonly kind: "Tuple";
  readonly elts: readonly Expr[];
}

/** `{k: v, …}`; keys and values have the same length (no `**` unpacking). */
export interface Dict extends Base {
  readonly kind: "Dict";
  readonly keys: readonly Expr[];
  readonly values: readonly Expr[];
}

export interface Comprehension {
  readonly target: Name;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export interface GeneratorExp extends Base {
  readonly kind: "GeneratorExp";
  readonly elt: Expr;
  /** At least one. */
  readonly generators: readonly Comprehension[];
}

export type Expr =
  | BoolOp
  | UnaryOp
  | Compare
  | Call
  | Attribute
  | Name
  | Constant
  | List
  | Tuple
  | Dict
  | GeneratorExp;

export type Node = Module | Stmt | Expr;
export type StmtKind = Stmt["kind"];
export type ExprKind = Expr["kind"];
