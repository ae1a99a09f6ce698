import fc from "fast-check";
import type {
  Comprehension,
  Expr,
  Keyword,
  Module,
  Name,
  Stmt,
  WithItem,
} from "../../../src/python/ast/nodes.js";

/**
 * Random modules in the shape the Flow dialect emits (decorated top-level defs, nested defs,
 * if/elif/else, for, with, assignments, calls with keyword arguments), biased towards what
 * stresses black's layout: long identifiers and strings near the 88-column limit, deep
 * nesting, and strings with quotes, backslashes, newlines and unusual code points.
 */

const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

const commonNames = fc.constantFrom(
  "order",
  "customer",
  "tags",
  "p",
  "q",
  "x",
  "shopify",
  "item",
  "note",
  "email",
  "vip",
  "branch",
  "line_items",
);
const longName = fc
  .stringMatching(/^[a-z_][a-z0-9_]{8,59}$/)
  .filter((s) => !KEYWORDS.has(s));
const unicodeName = fc.constantFrom("größe", "café", "名前", "ñame");

/** Mid-length names make lines land near the 88-column limit, where black's choices differ. */
const midName = fc
  .stringMatching(/^[a-z][a-z0-9_]{2,24}$/)
  .filter((s) => !KEYWORDS.has(s));

export const identifier: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: commonNames, weight: 5 },
  { arbitrary: midName, weight: 3 },
  { arbitrary: longName, weight: 2 },
  { arbitrary: unicodeName, weight: 1 },
);

const name: fc.Arbitrary<Name> = identifier.map((id) => ({ kind: "Name", id }));

const specialChars = fc.constantFrom(
  '"',
  "'",
  "\\",
  "\n",
  "\t",
  "\r",
  " ",
  "a",
  "é",
  "😀",
  "\u2028",
  "\u2029",
  "\x00",
  "\x7f",
  "\x85",
  "\xa0",
  "\ud800",
  "\udfff",
  "\u200b",
  "\ufeff",
  "\u3000",
  "名",
  '"""',
  "'''",
  "\\n",
  "{",
  "}",
  "#",
);
const trickyString = fc
  .array(fc.oneof(specialChars, fc.string({ maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(""));

export const stringValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 4 },
  { arbitrary: fc.string({ minLength: 10, maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ minLength: 30, maxLength: 110 }), weight: 2 },
  { arbitrary: trickyString, weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 10 }), weight: 1 },
  {
    arbitrary: fc
      .array(fc.string({ maxLength: 30 }), { minLength: 2, maxLength: 5 })
      .map((lines) => lines.join("\n")),
    weight: 2,
  },
);

const numberRaw: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 100000 }).map(String),
  fc.constantFrom(
    "0",
    "1.5",
    "1.",
    ".5",
    "1e5",
    "1E+5",
    "2.5e-3",
    "10.00",
    "007",
    "123456789012345678901234567890",
    "0.0",
  ),
);

const constant: fc.Arbitrary<Expr> = fc.oneof(
  {
    arbitrary: stringValue.map((value): Expr => ({ kind: "Constant", value })),
    weight: 5,
  },
  {
    arbitrary: numberRaw.map((raw): Expr => ({
      kind: "Constant",
      value: Number(raw),
      raw,
    })),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom<Expr>(
      { kind: "Constant", value: true },
      { kind: "Constant", value: false },
      { kind: "Constant", value: null },
    ),
    weight: 1,
  },
);

const dotted: fc.Arbitrary<Expr> = fc
  .array(identifier, { minLength: 1, maxLength: 4 })
  .map(([head, ...rest]) => {
    let e: Expr = { kind: "Name", id: head as string };
    for (const attr of rest) e = { kind: "Attribute", value: e, attr };
    return e;
  });

const cmpOp = fc.constantFrom(
  "Eq",
  "NotEq",
  "Lt",
  "LtE",
  "Gt",
  "GtE",
  "In",
  "NotIn",
  "Is",
  "IsNot",
) as fc.Arbitrary<
  "Eq" | "NotEq" | "Lt" | "LtE" | "Gt" | "GtE" | "In" | "NotIn" | "Is" | "IsNot"
>;

function uniqueKeywords(keywords: readonly Keyword[]): Keyword[] {
  const seen = new Set<string>();
  return keywords.filter((k) => !seen.has(k.arg) && seen.add(k.arg));
}

const { expr } = fc.letrec<{ expr: Expr; compound: Expr; call: Expr }>(
  (tie) => ({
    expr: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      { arbitrary: fc.oneof(name, dotted, constant), weight: 5 },
      { arbitrary: tie("compound"), weight: 4 },
    ),
    call: fc
      .record({
        func: fc.oneof(
          name,
          dotted,
          fc
            .tuple(tie("expr"), identifier)
            .map(([value, attr]): Expr => ({ kind: "Attribute", value, attr })),
        ),
        args: fc.array(tie("expr"), { maxLength: 4 }),
        keywords: fc
          .array(fc.record({ arg: identifier, value: tie("expr") }), {
            maxLength: 4,
          })
          .map(uniqueKeywords),
      })
      .map(({ func, args, keywords }): Expr => ({
        kind: "Call",
        func,
        args,
        keywords,
      })),
    compound: fc.oneof(
      { arbitrary: tie("call"), weight: 6 },
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom("And", "Or") as fc.Arbitrary<"And" | "Or">,
            fc.array(tie("expr"), { minLength: 2, maxLength: 4 }),
          )
          .map(([op, values]): Expr => ({ kind: "BoolOp", op, values })),
        weight: 3,
      },
      {
        arbitrary: fc
          .tuple(
            tie("expr"),
            fc.array(fc.tuple(cmpOp, tie("expr")), {
              minLength: 1,
              maxLength: 3,
            }),
          )
          .map(([left, rest]): Expr => ({
            kind: "Compare",
            left,
            ops: rest.map((r) => r[0]),
            comparators: rest.map((r) => r[1]),
          })),
        weight: 3,
      },
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom("Not", "USub") as fc.Arbitrary<"Not" | "USub">,
            tie("expr"),
          )
          .map(([op, operand]): Expr => ({ kind: "UnaryOp", op, operand })),
        weight: 2,
      },
      {
        arbitrary: fc
          .array(tie("expr"), { maxLength: 5 })
          .map((elts): Expr => ({ kind: "List", elts })),
        weight: 2,
      },
      {
        arbitrary: fc
          .array(tie("expr"), { maxLength: 3 })
          .map((elts): Expr => ({ kind: "Tuple", elts })),
        weight: 1,
      },
      {
        arbitrary: fc
          .array(fc.tuple(tie("expr"), tie("expr")), { maxLength: 4 })
          .map((pairs): Expr => ({
            kind: "Dict",
            keys: pairs.map((p) => p[0]),
            values: pairs.map((p) => p[1]),
          })),
        weight: 2,
      },
      {
        arbitrary: tie("expr").map((value): Expr => ({
          kind: "Attribute",
          value,
          attr: "startswith",
        })),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(
            tie("expr"),
            fc.array(
              fc.record({
                target: name,
                iter: tie("expr"),
                ifs: fc.array(tie("expr"), { maxLength: 2 }),
              }),
              { minLength: 1, maxLength: 2 },
            ),
          )
          .map(([elt, generators]): Expr => ({
            kind: "GeneratorExp",
            elt,
            generators: generators as Comprehension[],
          })),
        weight: 2,
      },
      {
        // any(...) / all(...) over a generator, as conditions use them.
        arbitrary: fc
          .tuple(fc.constantFrom("any", "all"), tie("expr"), name, tie("expr"))
          .map(([fn, elt, target, iter]): Expr => ({
            kind: "Call",
            func: { kind: "Name", id: fn },
            args: [
              {
                kind: "GeneratorExp",
                elt,
                generators: [{ target, iter, ifs: [] }],
              },
            ],
            keywords: [],
          })),
        weight: 2,
      },
    ),
  }),
);

export { expr as exprArbitrary };

const withItem: fc.Arbitrary<WithItem> = fc
  .tuple(
    fc.oneof(
      { arbitrary: expr.filter((e) => e.kind === "Call"), weight: 4 },
      { arbitrary: fc.oneof(name, dotted), weight: 1 },
    ),
    fc.option(name, { nil: undefined }),
  )
  .map(([context_expr, optional_vars]) =>
    optional_vars === undefined
      ? { context_expr }
      : { context_expr, optional_vars },
  );

const decorator: fc.Arbitrary<Expr> = fc.oneof(
  expr.filter((e) => e.kind === "Call"),
  dotted,
);

function uniqueNames(names: readonly string[]): string[] {
  return [...new Set(names)];
}

const simpleStmt: fc.Arbitrary<Stmt> = fc.oneof(
  fc.record({
    kind: fc.constant("Assign" as const),
    targets: name.map((n): [Name] => [n]),
    value: expr,
  }),
  fc.record({
    kind: fc.constant("Expr" as const),
    value: fc.oneof(expr, constant),
  }),
  fc.constant<Stmt>({ kind: "Pass" }),
);

const { stmt } = fc.letrec<{ stmt: Stmt; block: Stmt[]; ifStmt: Stmt }>(
  (tie) => ({
    block: fc.array(tie("stmt"), { minLength: 1, maxLength: 3 }),
    ifStmt: fc.record({
      kind: fc.constant("If" as const),
      test: expr,
      body: tie("block"),
      // Empty, an `else:` block, or a lone `if` (printed as `elif`).
      orelse: fc.oneof(
        { depthSize: "small", maxDepth: 3 },
        fc.constant([]),
        tie("block"),
        tie("ifStmt").map((s) => [s]),
      ),
    }),
    stmt: fc.oneof(
      { depthSize: "small", maxDepth: 3 },
      { arbitrary: simpleStmt, weight: 6 },
      { arbitrary: tie("ifStmt"), weight: 3 },
      {
        arbitrary: fc.record({
          kind: fc.constant("For" as const),
          target: name,
          iter: expr,
          body: tie("block"),
        }),
        weight: 2,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("With" as const),
          items: fc.array(withItem, { minLength: 1, maxLength: 2 }),
          body: tie("block"),
        }),
        weight: 2,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("FunctionDef" as const),
          name: identifier,
          args: fc.array(identifier, { maxLength: 3 }).map(uniqueNames),
          body: tie("block"),
          decorator_list: fc.array(decorator, { maxLength: 2 }),
        }),
        weight: 1,
      },
    ),
  }),
);

const block = fc.array(stmt, { minLength: 1, maxLength: 3 });

export { stmt as stmtArbitrary };

const topLevelDef: fc.Arbitrary<Stmt> = fc.record({
  kind: fc.constant("FunctionDef" as const),
  name: identifier,
  args: fc.array(identifier, { maxLength: 3 }).map(uniqueNames),
  body: block,
  decorator_list: fc.array(decorator, { maxLength: 3 }),
});

export const moduleArbitrary: fc.Arbitrary<Module> = fc
  .array(
    fc.oneof(
      { arbitrary: topLevelDef, weight: 3 },
      { arbitrary: stmt, weight: 1 },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((body) => ({ kind: "Module", body }));
