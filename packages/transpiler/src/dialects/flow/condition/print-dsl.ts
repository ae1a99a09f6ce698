/**
 * `printConditionDsl`: `Condition` → canonical DSL text (SPEC §b.2 notes): every test in
 * its own parentheses, the root always wrapped, single spaces, e.g.
 * `((order.email end_with? '@example.org') && (order.tags any? |tags_item| (tags_item == 'vip')))`.
 *
 * Values the DSL cannot spell (a `'` inside a string, whose escaping is undocumented;
 * Liquid markers; malformed paths or numbers) are reported instead of printed, so every
 * successful result parses back to the normal form of the input.
 */
import { codes } from "../../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type Result,
} from "../../../diagnostics/diagnostic.js";
import {
  spliceOperands,
  type Condition,
  type Operand,
} from "./condition-ast.js";
import {
  findLiquidMarker,
  isBooleanText,
  isIdentifier,
  isNumberText,
  isPath,
  MAX_CONDITION_DEPTH,
} from "./lexical.js";

export function printConditionDsl(c: Condition): Result<string> {
  const diagnostics: Diagnostic[] = [];
  const text = printGroup(c, 1, diagnostics);
  return diagnostics.length > 0 ? fail(diagnostics) : ok(text);
}

/**
 * Prints `c` inside one pair of parentheses opened at nesting `depth`, normalising on the
 * way (rather than via `normalizeCondition`) so that the depth guard also bounds the
 * recursion on hand-built conditions of any depth.
 */
function printGroup(c: Condition, depth: number, out: Diagnostic[]): string {
  if (depth > MAX_CONDITION_DEPTH) {
    if (out.length === 0) {
      out.push(
        error(
          codes.conditionSyntax,
          `condition nests deeper than ${MAX_CONDITION_DEPTH} parentheses`,
          {
            hint: "Split the logic into several condition steps.",
          },
        ),
      );
    }
    return "";
  }
  switch (c.kind) {
    case "Logical": {
      const operands = spliceOperands(c);
      const [first] = operands;
      if (first === undefined) {
        out.push(
          error(codes.conditionSyntax, `${c.op} group without operands`, {
            hint: "A group needs at least one test.",
          }),
        );
        return "";
      }
      if (operands.length === 1) return printGroup(first, depth, out);
      const joiner = c.op === "AND" ? " && " : " || ";
      return `(${operands.map((o) => printGroup(o, depth + 1, out)).join(joiner)})`;
    }
    case "Comparison":
      return `(${printOperand(c.lhs, out)} ${c.op} ${printOperand(c.rhs, out)})`;
    case "Unary":
      return `(${printOperand(c.operand, out)} ${c.op})`;
    case "Quantified": {
      if (!isPath(c.path)) out.push(invalidName("list path", c.path));
      if (!isIdentifier(c.binder)) out.push(invalidName("binder", c.binder));
      return `(${c.path} ${c.quantifier}? |${c.binder}| ${printGroup(c.body, depth + 1, out)})`;
    }
  }
}

function printOperand(o: Operand, out: Diagnostic[]): string {
  if (o.kind === "Path") {
    if (!isPath(o.path)) out.push(invalidName("path", o.path));
    return o.path;
  }
  switch (o.type) {
    case "string":
      return printString(o.text, out);
    case "number":
      if (!isNumberText(o.text))
        out.push(
          invalidLiteral(
            "number",
            o.text,
            "Numbers are written like 42, -3 or 10.00.",
          ),
        );
      return o.text;
    case "boolean":
      if (!isBooleanText(o.text))
        out.push(
          invalidLiteral("boolean", o.text, "Booleans are true or false."),
        );
      return o.text;
  }
}

function printString(text: string, out: Diagnostic[]): string {
  if (text.includes("'")) {
    out.push(
      error(
        codes.conditionSyntax,
        `string ${JSON.stringify(text)} contains ' and cannot be written in the condition DSL`,
        {
          hint: "Escaping ' in a DSL string is undocumented; use the JSON condition tree or a value without '.",
        },
      ),
    );
  }
  const liquid = findLiquidMarker(text);
  if (liquid !== -1) {
    out.push(
      error(
        codes.conditionLiquid,
        `string ${JSON.stringify(text)} contains '${text.slice(liquid, liquid + 2)}'`,
        {
          hint: "Flow rejects {{ and {% anywhere in a condition, even inside a string.",
        },
      ),
    );
  }
  return `'${text}'`;
}

function invalidName(what: string, text: string): Diagnostic {
  return error(
    codes.conditionSyntax,
    `invalid ${what} ${JSON.stringify(text)}`,
    {
      hint: "Paths are dotted names such as order.customer.email; names are letters, digits and _ (not true/false).",
    },
  );
}

function invalidLiteral(what: string, text: string, hint: string): Diagnostic {
  return error(
    codes.conditionSyntax,
    `invalid ${what} literal ${JSON.stringify(text)}`,
    { hint },
  );
}
