import type { Comparison, Condition, Operand, Unary } from "@flowpy/transpiler";

/**
 * A condition in the words a merchant would use: `order.totalPriceSet.shopMoney.amount > 100`
 * reads "the order total price set shop money amount is greater than 100". Quantifiers over
 * a list say "any"/"every"/"no"; a comparison of the item itself (tags) reads "includes".
 */
export function describeCondition(
  c: Condition,
  binders: ReadonlySet<string> = new Set(),
): string {
  const words = (path: string): string => boundWords(path, binders);
  switch (c.kind) {
    case "Logical":
      return c.operands
        .map((o) =>
          o.kind === "Logical"
            ? `(${describeCondition(o, binders)})`
            : describeCondition(o, binders),
        )
        .join(c.op === "AND" ? " and " : " or ");
    case "Comparison":
      return `${operand(c.lhs, binders)} ${binaryWords[c.op]} ${operand(c.rhs, binders)}`;
    case "Unary":
      return `${words(c.operand.path)} ${unaryWords[c.op]}`;
    case "Quantified": {
      const list = words(c.path);
      const itself = itemComparison(c.body, c.binder);
      if (itself !== undefined && itself.op === "==") {
        const value = operand(itself.rhs, binders);
        if (c.quantifier === "any") return `${list} include ${value}`;
        if (c.quantifier === "none") return `${list} do not include ${value}`;
      }
      const body = describeCondition(c.body, new Set([...binders, c.binder]));
      // "the item starts with …" reads better as "an item that starts with …".
      const self = body.startsWith("the item ")
        ? `that ${body.slice("the item ".length)}`
        : undefined;
      switch (c.quantifier) {
        case "any":
          return `${list} contain an item ${self ?? `whose ${body}`}`;
        case "all":
          return self !== undefined
            ? `every item of ${list} is one ${self}`
            : `for every item of ${list}, ${body}`;
        case "none":
          return `${list} contain no item ${self ?? `whose ${body}`}`;
      }
    }
  }
}

/** Dotted path → words: `order.lineItems.quantity` → "order line items quantity". */
export function pathWords(path: string): string {
  return boundWords(path, new Set());
}

/**
 * Like `pathWords`, but a path on a quantifier's item drops the item (`lineItems_item.quantity`
 * → "quantity") and a loop item reads "the item's" (`lineItemsForeachitem.sku` → "the item's sku").
 */
function boundWords(path: string, binders: ReadonlySet<string>): string {
  const [head = "", ...rest] = path.split(".");
  const tail = rest.map(segmentWords).join(" ");
  if (binders.has(head)) return rest.length === 0 ? "the item" : tail;
  if (head.endsWith("Foreachitem"))
    return rest.length === 0 ? "the current item" : `the item's ${tail}`;
  return [head, ...rest].map(segmentWords).join(" ");
}

function segmentWords(segment: string): string {
  return segment.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

function itemComparison(
  body: Condition,
  binder: string,
): Comparison | undefined {
  return body.kind === "Comparison" &&
    body.lhs.kind === "Path" &&
    body.lhs.path === binder &&
    body.rhs.kind === "Literal"
    ? body
    : undefined;
}

function operand(o: Operand, binders: ReadonlySet<string>): string {
  if (o.kind === "Path") return boundWords(o.path, binders);
  return o.type === "string" ? `"${o.text}"` : o.text;
}

const binaryWords: Readonly<Record<Comparison["op"], string>> = {
  "==": "is",
  "!=": "is not",
  ">": "is greater than",
  ">=": "is at least",
  "<": "is less than",
  "<=": "is at most",
  "start_with?": "starts with",
  "not_start_with?": "does not start with",
  "end_with?": "ends with",
  "not_end_with?": "does not end with",
  "include?": "contains",
  "not_include?": "does not contain",
  "in?": "is one of",
  "not_in?": "is not one of",
};

const unaryWords = {
  "empty_or_nil?": "is empty",
  "not_empty_and_not_nil?": "is not empty",
  "nil?": "is not set",
  "not_nil?": "is set",
} as const satisfies Record<Unary["op"], string>;
