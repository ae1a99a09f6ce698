import type {
  Assign,
  Attribute,
  BoolOp,
  BoolOperator,
  Call,
  CmpOperator,
  Compare,
  Constant,
  Dict,
  Expr,
  ExprStmt,
  For,
  FunctionDef,
  GeneratorExp,
  If,
  Keyword,
  List,
  Module,
  Name,
  Pass,
  Stmt,
  Tuple,
  UnaryOp,
  UnaryOperator,
  With,
  WithItem,
} from "./nodes.js";

/** One factory per node kind, for dialects and tests (no spans). */
export const py = {
  module: (body: readonly Stmt[]): Module => ({ kind: "Module", body }),
  def: (
    name: string,
    args: readonly string[],
    body: readonly Stmt[],
    decorator_list: readonly Expr[] = [],
  ): FunctionDef => ({
    kind: "FunctionDef",
    name,
    args,
    body,
    decorator_list,
  }),
  if: (
    test: Expr,
    body: readonly Stmt[],
    orelse: readonly Stmt[] = [],
  ): If => ({ kind: "If", test, body, orelse }),
  for: (target: Name, iter: Expr, body: readonly Stmt[]): For => ({
    kind: "For",
    target,
    iter,
    body,
  }),
  with: (items: readonly WithItem[], body: readonly Stmt[]): With => ({
    kind: "With",
    items,
    body,
  }),
  assign: (target: Name, value: Expr): Assign => ({
    kind: "Assign",
    targets: [target],
    value,
  }),
  expr: (value: Expr): ExprStmt => ({ kind: "Expr", value }),
  pass: (): Pass => ({ kind: "Pass" }),
  boolOp: (op: BoolOperator, values: readonly Expr[]): BoolOp => ({
    kind: "BoolOp",
    op,
    values,
  }),
  unary: (op: UnaryOperator, operand: Expr): UnaryOp => ({
    kind: "UnaryOp",
    op,
    operand,
  }),
  compare: (left: Expr, op: CmpOperator, right: Expr): Compare => ({
    kind: "Compare",
    left,
    ops: [op],
    comparators: [right],
  }),
  call: (
    func: Expr,
    args: readonly Expr[] = [],
    keywords: readonly Keyword[] = [],
  ): Call => ({ kind: "Call", func, args, keywords }),
  keyword: (arg: string, value: Expr): Keyword => ({ arg, value }),
  attr: (value: Expr, attr: string): Attribute => ({
    kind: "Attribute",
    value,
    attr,
  }),
  name: (id: string): Name => ({ kind: "Name", id }),
  str: (value: string): Constant => ({ kind: "Constant", value }),
  num: (raw: string): Constant => ({
    kind: "Constant",
    value: Number(raw),
    raw,
  }),
  bool: (value: boolean): Constant => ({ kind: "Constant", value }),
  none: (): Constant => ({ kind: "Constant", value: null }),
  list: (elts: readonly Expr[]): List => ({ kind: "List", elts }),
  tuple: (elts: readonly Expr[]): Tuple => ({ kind: "Tuple", elts }),
  dict: (keys: readonly Expr[], values: readonly Expr[]): Dict => ({
    kind: "Dict",
    keys,
    values,
  }),
  genexp: (
    elt: Expr,
    target: Name,
    iter: Expr,
    ifs: readonly Expr[] = [],
  ): GeneratorExp => ({
    kind: "GeneratorExp",
    elt,
    generators: [{ target, iter, ifs }],
  }),
  /** `a.b.c` from a dotted path. */
  dotted: (path: string): Expr => {
    const [head, ...rest] = path.split(".");
    let e: Expr = { kind: "Name", id: head ?? "" };
    for (const part of rest) e = { kind: "Attribute", value: e, attr: part };
    return e;
  },
} as const;
