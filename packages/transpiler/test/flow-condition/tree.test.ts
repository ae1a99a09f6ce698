import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatJsonPath } from "../../src/diagnostics/diagnostic.js";
import type {
  Condition,
  LiteralOperand,
} from "../../src/dialects/flow/condition/condition-ast.js";
import { parseConditionDsl } from "../../src/dialects/flow/condition/parse-dsl.js";
import {
  decodeConditionTree,
  encodeConditionTree,
} from "../../src/dialects/flow/condition/tree.js";
import { idSource, uuidsInOrder } from "./arbitraries.js";

const publicFile = new URL(
  "../../../../../shared/corpus/public/auto-redirect-archived-products-to-category-1d478800.flow.json",
  import.meta.url,
);

/** The raw `condition` config value (a JSON string) of the public archived-products workflow. */
function publicConditionText(): string {
  const doc = JSON.parse(readFileSync(publicFile, "utf8")) as {
    root: {
      steps: {
        task_id: string;
        config_field_values: { config_field_id: string; value: string }[];
      }[];
    };
  };
  const step = doc.root.steps.find(
    (s) => s.task_id === "shopify::flow::condition",
  );
  const value = step?.config_field_values.find(
    (f) => f.config_field_id === "condition",
  )?.value;
  if (value === undefined) throw new Error("public file has no condition");
  return value;
}

function dsl(text: string): Condition {
  const r = parseConditionDsl(text);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

function decoded(tree: unknown): {
  condition: Condition;
  types: ReadonlyMap<string, string>;
} {
  const r = decodeConditionTree(tree);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

const noTypes = { typeOf: () => undefined };
type Json = Record<string, unknown>;

describe("the public archived-products condition", () => {
  it("decodes to the expected condition and types", () => {
    const { condition, types } = decoded(JSON.parse(publicConditionText()));
    const enumLiteral = (text: string): LiteralOperand => ({
      kind: "Literal",
      type: "string",
      text,
    });
    expect(condition).toEqual({
      kind: "Logical",
      op: "AND",
      operands: [
        {
          kind: "Comparison",
          lhs: { kind: "Path", path: "oldStatus" },
          op: "==",
          rhs: enumLiteral("ACTIVE"),
        },
        {
          kind: "Comparison",
          lhs: { kind: "Path", path: "product.status" },
          op: "==",
          rhs: enumLiteral("ARCHIVED"),
        },
      ],
    });
    expect([...types]).toEqual([
      ["oldStatus", "EnvironmentEnumDefinition:ProductStatus"],
      ["product.status", "EnvironmentEnumDefinition:ProductStatus"],
    ]);
  });

  it("re-encodes byte for byte when its ids are replayed", () => {
    const text = publicConditionText();
    const { condition, types } = decoded(JSON.parse(text));
    const tree = encodeConditionTree(condition, {
      typeOf: (p) => types.get(p),
      newId: idSource(uuidsInOrder(JSON.parse(text))),
    });
    expect(JSON.stringify(tree)).toBe(text);
  });

  it("prints as the DSL", () => {
    expect(
      dsl("((oldStatus == 'ACTIVE') && (product.status == 'ARCHIVED'))"),
    ).toEqual(decoded(JSON.parse(publicConditionText())).condition);
  });
});

describe("encodeConditionTree: shapes", () => {
  it("wraps a single test in a root AND with only lhs (SPEC §b.4 Delivery Date example)", () => {
    const c = dsl(
      "(order.customAttributes any? |customAttributes_item| (customAttributes_item.key == 'Delivery Date'))",
    );
    expect(encodeConditionTree(c, { ...noTypes, newId: idSource() })).toEqual({
      uuid: "id-0",
      lhs: {
        uuid: "id-1",
        parent_uuid: "id-0",
        array_path: {
          uuid: "id-2",
          parent_uuid: "id-1",
          value: "order.customAttributes",
          comparison_value_type: "EnvironmentValue",
        },
        array_item_key: {
          uuid: "id-3",
          parent_uuid: "id-1",
          value: "customAttributes_item",
          comparison_value_type: "EnvironmentValue",
        },
        operation: {
          uuid: "id-4",
          parent_uuid: "id-1",
          lhs: {
            uuid: "id-5",
            parent_uuid: "id-4",
            lhs: {
              uuid: "id-6",
              parent_uuid: "id-5",
              value: "customAttributes_item.key",
              comparison_value_type: "EnvironmentValue",
              full_environment_path: "customAttributes_item.key",
            },
            rhs: {
              uuid: "id-7",
              parent_uuid: "id-5",
              value: "Delivery Date",
              comparison_value_type: "LiteralValue",
            },
            value_type: "EnvironmentScalarDefinition:String",
            operator: "==",
            operation_type: "Comparison",
          },
          operator: "AND",
          operation_type: "LogicalExpression",
        },
        operator: "ANY",
        operation_type: "ArrayExpression",
      },
      operator: "AND",
      operation_type: "LogicalExpression",
    });
  });

  it("nests three or more operands to the left, ids in document order", () => {
    const tree = encodeConditionTree(
      dsl("((a nil?) || (b nil?) || (c nil?) || (d nil?))"),
      { ...noTypes, newId: idSource() },
    );
    const shape = (n: unknown): unknown => {
      const node = n as Json;
      if (node["operation_type"] === "Comparison")
        return (node["lhs"] as Json)["value"];
      return [
        node["operator"],
        shape(node["lhs"]),
        ...("rhs" in node ? [shape(node["rhs"])] : []),
      ];
    };
    expect(shape(tree)).toEqual(["OR", ["OR", ["OR", "a", "b"], "c"], "d"]);
    expect(uuidsInOrder(tree)).toEqual(
      Array.from({ length: 3 + 4 * 3 }, (_, i) => `id-${i}`),
    );
  });

  it("keeps a differently-operated group as a nested LogicalExpression", () => {
    const tree = encodeConditionTree(
      dsl("((a nil?) && ((b nil?) || (c nil?)))"),
      { ...noTypes, newId: idSource() },
    );
    expect(tree.operator).toBe("AND");
    expect(tree.rhs).toMatchObject({
      operator: "OR",
      operation_type: "LogicalExpression",
      parent_uuid: tree.uuid,
    });
  });

  it.each([
    ["all", "ALL"],
    ["none", "NONE"],
  ])("encodes %s? as %s", (q, op) => {
    const tree = encodeConditionTree(dsl(`(l ${q}? |l_item| (l_item nil?))`), {
      ...noTypes,
      newId: idSource(),
    });
    expect(tree.lhs).toMatchObject({
      operator: op,
      operation_type: "ArrayExpression",
    });
  });

  it("encodes unary tests with an empty LiteralValue rhs", () => {
    const tree = encodeConditionTree(dsl("(order.note empty_or_nil?)"), {
      ...noTypes,
      newId: idSource(),
    });
    expect(tree.lhs).toMatchObject({
      operator: "empty_or_nil?",
      rhs: { value: "", comparison_value_type: "LiteralValue" },
      value_type: "EnvironmentScalarDefinition:String",
    });
  });

  it("puts full_environment_path on the lhs path only", () => {
    const tree = encodeConditionTree(
      dsl("(order.createdAt > customer.lastOrderDate)"),
      { ...noTypes, newId: idSource() },
    );
    expect(tree.lhs).toMatchObject({
      lhs: {
        value: "order.createdAt",
        full_environment_path: "order.createdAt",
      },
      rhs: {
        value: "customer.lastOrderDate",
        comparison_value_type: "EnvironmentValue",
      },
    });
    expect((tree.lhs as unknown as { rhs: Json }).rhs).not.toHaveProperty(
      "full_environment_path",
    );
  });

  it.each([
    ["(a == 'x')", undefined, "EnvironmentScalarDefinition:String"],
    ["(a == 42)", undefined, "EnvironmentScalarDefinition:Int"],
    ["(a == 4.25)", undefined, "EnvironmentScalarDefinition:Float"],
    ["(a == true)", undefined, "EnvironmentScalarDefinition:Boolean"],
    ["(a == b)", undefined, "EnvironmentScalarDefinition:String"],
    ["(5 < a)", undefined, "EnvironmentScalarDefinition:Int"],
    [
      "(a == 'ACTIVE')",
      "EnvironmentEnumDefinition:ProductStatus",
      "EnvironmentEnumDefinition:ProductStatus",
    ],
    [
      "(a == 10.00)",
      "EnvironmentScalarDefinition:Money",
      "EnvironmentScalarDefinition:Money",
    ],
  ])("value_type of %s (typeOf %s) is %s", (text, known, expected) => {
    const tree = encodeConditionTree(dsl(text), {
      typeOf: (p) => (p === "a" ? known : "wrong"),
      newId: idSource(),
    });
    expect(tree.lhs).toMatchObject({ value_type: expected });
  });
});

describe("decodeConditionTree: literal typing and shapes", () => {
  const comparisonTree = (valueType: string, literal: string): Json => ({
    uuid: "r",
    lhs: {
      uuid: "c",
      parent_uuid: "r",
      lhs: {
        uuid: "l",
        parent_uuid: "c",
        value: "a",
        comparison_value_type: "EnvironmentValue",
        full_environment_path: "a",
      },
      rhs: {
        uuid: "v",
        parent_uuid: "c",
        value: literal,
        comparison_value_type: "LiteralValue",
      },
      value_type: valueType,
      operator: "==",
      operation_type: "Comparison",
    },
    operator: "AND",
    operation_type: "LogicalExpression",
  });

  it.each([
    ["EnvironmentScalarDefinition:Int", "500", "number"],
    ["EnvironmentScalarDefinition:Int", "-3", "number"],
    ["EnvironmentScalarDefinition:Int", "1,2,3", "string"],
    ["EnvironmentScalarDefinition:Float", "4.25", "number"],
    ["EnvironmentScalarDefinition:Decimal", "10.00", "number"],
    ["EnvironmentScalarDefinition:Money", "10.00", "number"],
    [
      "EnvironmentScalarDefinition:UnsignedInt64",
      "18446744073709551615",
      "number",
    ],
    ["EnvironmentScalarDefinition:Boolean", "false", "boolean"],
    ["EnvironmentScalarDefinition:Boolean", "yes", "string"],
    ["EnvironmentScalarDefinition:String", "42", "string"],
    ["EnvironmentScalarDefinition:ID", "gid://shopify/Product/1", "string"],
    [
      "EnvironmentScalarDefinition:DateTime",
      "2025-06-05T04:00:00.000Z",
      "string",
    ],
    ["EnvironmentEnumDefinition:ProductStatus", "ACTIVE", "string"],
    ["EnvironmentEnumDefinition:Int", "5", "string"],
  ])("%s %j is a %s literal", (valueType, text, type) => {
    expect(decoded(comparisonTree(valueType, text)).condition).toMatchObject({
      rhs: { kind: "Literal", type, text },
    });
  });

  it("flattens right-nested chains like left-nested ones", () => {
    const left = encodeConditionTree(
      dsl("((a nil?) && (b nil?) && (c nil?))"),
      { ...noTypes, newId: idSource() },
    );
    const l = left as unknown as {
      lhs: Json & { lhs: Json; rhs: Json };
      rhs: Json;
    };
    const right = {
      uuid: "id-0",
      lhs: { ...l.lhs.lhs, parent_uuid: "id-0" },
      rhs: {
        uuid: "id-1",
        parent_uuid: "id-0",
        lhs: { ...l.lhs.rhs, parent_uuid: "id-1" },
        rhs: { ...l.rhs, parent_uuid: "id-1" },
        operator: "AND",
        operation_type: "LogicalExpression",
      },
      operator: "AND",
      operation_type: "LogicalExpression",
    };
    expect(decoded(right).condition).toEqual(decoded(left).condition);
  });

  it("decodes a 20k-operand left-nested chain without recursion trouble", () => {
    const c: Condition = {
      kind: "Logical",
      op: "OR",
      operands: Array.from({ length: 20_000 }, (_, i) => ({
        kind: "Unary",
        operand: { kind: "Path", path: `p${i}` },
        op: "nil?",
      })),
    };
    const tree = encodeConditionTree(c, { ...noTypes, newId: idSource() });
    expect(decoded(tree).condition).toEqual(c);
  });
});

describe("decodeConditionTree: invalid trees", () => {
  type Mutation = (
    root: Json & {
      lhs: Json & { lhs: Json; rhs: Json };
      rhs: Json & { lhs: Json; rhs: Json };
    },
  ) => unknown;
  const cases: [string, Mutation, string, string][] = [
    ["not an object", () => [], "$", "expected an object, found an array"],
    [
      "root is a Comparison",
      (r) => r.lhs,
      "$.operation_type",
      "root of a condition tree must be a LogicalExpression",
    ],
    [
      "root has a parent_uuid",
      (r) => ({ parent_uuid: "x", ...r }),
      "$.parent_uuid",
      "has no parent_uuid",
    ],
    [
      "missing operator",
      (r) => {
        delete r.lhs["operator"];
        return r;
      },
      "$.lhs",
      'missing key "operator"',
    ],
    [
      "missing lhs of the root",
      (r) => {
        delete (r as Json)["lhs"];
        return r;
      },
      "$",
      'missing key "lhs"',
    ],
    [
      "unknown key",
      (r) => {
        r.rhs["note"] = 1;
        return r;
      },
      "$.rhs.note",
      'unexpected key "note"',
    ],
    [
      "wrong operation_type",
      (r) => {
        r.lhs["operation_type"] = "Compare";
        return r;
      },
      "$.lhs.operation_type",
      'unknown operation_type "Compare"',
    ],
    [
      "wrong logical operator",
      (r) => {
        r["operator"] = "XOR";
        return r;
      },
      "$.operator",
      'must be "AND" or "OR"',
    ],
    [
      "logical operator named like a prototype member",
      (r) => {
        r["operator"] = "constructor";
        return r;
      },
      "$.operator",
      'must be "AND" or "OR"',
    ],
    [
      "comparison operator named like a prototype member",
      (r) => {
        r.lhs["operator"] = "toString";
        return r;
      },
      "$.lhs.operator",
      'unknown comparison operator "toString"',
    ],
    [
      "wrong comparison operator",
      (r) => {
        r.lhs["operator"] = "===";
        return r;
      },
      "$.lhs.operator",
      'unknown comparison operator "==="',
    ],
    [
      "parent_uuid mismatch",
      (r) => {
        r.rhs.lhs["parent_uuid"] = "nope";
        return r;
      },
      "$.rhs.lhs.parent_uuid",
      'parent_uuid "nope" does not match',
    ],
    [
      "duplicate uuid",
      (r) => {
        r.rhs.rhs["uuid"] = r.lhs.rhs["uuid"];
        return r;
      },
      "$.rhs.rhs.uuid",
      "duplicate uuid",
    ],
    [
      "uuid not a string",
      (r) => {
        r.lhs["uuid"] = 7;
        return r;
      },
      "$.lhs.uuid",
      "uuid must be a non-empty string",
    ],
    [
      "value not a string",
      (r) => {
        r.lhs.rhs["value"] = 500;
        return r;
      },
      "$.lhs.rhs.value",
      "value must be a string, found number",
    ],
    [
      "bad comparison_value_type",
      (r) => {
        r.lhs.rhs["comparison_value_type"] = "Literal";
        return r;
      },
      "$.lhs.rhs.comparison_value_type",
      "comparison_value_type must be",
    ],
    [
      "missing full_environment_path",
      (r) => {
        delete r.lhs.lhs["full_environment_path"];
        return r;
      },
      "$.lhs.lhs",
      'missing key "full_environment_path"',
    ],
    [
      "full_environment_path differs",
      (r) => {
        r.lhs.lhs["full_environment_path"] = "other";
        return r;
      },
      "$.lhs.lhs.full_environment_path",
      "differs from value",
    ],
    [
      "full_environment_path on a literal",
      (r) => {
        r.lhs.rhs["full_environment_path"] = "ACTIVE";
        return r;
      },
      "$.lhs.rhs.full_environment_path",
      "LiteralValue has no full_environment_path",
    ],
    [
      "path the DSL cannot spell",
      (r) => {
        r.lhs.lhs["value"] = r.lhs.lhs["full_environment_path"] =
          "order.tags[0]";
        return r;
      },
      "$.lhs.lhs.value",
      "not a valid condition path",
    ],
    [
      "unary with a value",
      (r) => {
        r.lhs["operator"] = "nil?";
        return r;
      },
      "$.lhs.rhs",
      'the rhs of "nil?" must be the LiteralValue ""',
    ],
    [
      "empty value_type",
      (r) => {
        r.lhs["value_type"] = "";
        return r;
      },
      "$.lhs.value_type",
      "value_type must not be empty",
    ],
  ];

  it.each(cases)("%s", (_, mutate, path, fragment) => {
    const root = JSON.parse(publicConditionText()) as Parameters<Mutation>[0];
    const r = decodeConditionTree(mutate(root));
    expect(r.ok).toBe(false);
    const hits = r.diagnostics.filter((d) => d.message.includes(fragment));
    expect(
      hits.map((d) => [d.code, d.path && formatJsonPath(d.path)]),
    ).toContainEqual(["condition-invalid-tree", path]);
  });

  const quantified = (): Json =>
    JSON.parse(
      JSON.stringify(
        encodeConditionTree(dsl("(l any? |l_item| (l_item nil?))"), {
          ...noTypes,
          newId: idSource(),
        }),
      ),
    ) as Json;

  it.each<[string, (array: Json) => void, string, string]>([
    [
      "array operator",
      (a) => (a["operator"] = "SOME"),
      "$.lhs.operator",
      'array operator must be "ANY", "ALL" or "NONE"',
    ],
    [
      "array operator named like a prototype member",
      (a) => (a["operator"] = "hasOwnProperty"),
      "$.lhs.operator",
      'array operator must be "ANY", "ALL" or "NONE"',
    ],
    [
      "body not a LogicalExpression",
      (a) => (a["operation"] = (a["operation"] as Json)["lhs"]),
      "$.lhs.operation.operation_type",
      "must be a LogicalExpression",
    ],
    [
      "binder with a dot",
      (a) => ((a["array_item_key"] as Json)["value"] = "l.item"),
      "$.lhs.array_item_key.value",
      "not a valid condition path",
    ],
    [
      "literal list path",
      (a) =>
        ((a["array_path"] as Json)["comparison_value_type"] = "LiteralValue"),
      "$.lhs.array_path.comparison_value_type",
      'must be "EnvironmentValue"',
    ],
    [
      "full_environment_path on array_path",
      (a) => ((a["array_path"] as Json)["full_environment_path"] = "l"),
      "$.lhs.array_path.full_environment_path",
      "unexpected key",
    ],
  ])("ArrayExpression: %s", (_, mutate, path, fragment) => {
    const tree = quantified();
    mutate(tree["lhs"] as Json);
    const r = decodeConditionTree(tree);
    expect(r.ok).toBe(false);
    const hits = r.diagnostics.filter((d) => d.message.includes(fragment));
    expect(
      hits.map((d) => [d.code, d.path && formatJsonPath(d.path)]),
    ).toContainEqual(["condition-invalid-tree", path]);
  });

  it("reports excessive nesting instead of overflowing the stack", () => {
    const n = 10_000;
    let node: Json = {
      uuid: "n0",
      parent_uuid: "n1",
      lhs: {},
      operator: "AND",
      operation_type: "LogicalExpression",
    };
    for (let i = 1; i <= n; i++) {
      const parent = i < n ? { parent_uuid: `n${i + 1}` } : {};
      node = {
        uuid: `n${i}`,
        ...parent,
        lhs: node,
        operator: i % 2 ? "OR" : "AND",
        operation_type: "LogicalExpression",
      };
    }
    const r = decodeConditionTree(node);
    expect(r.ok).toBe(false);
    expect(
      r.diagnostics.some((d) => d.message.includes("nested deeper than 100")),
    ).toBe(true);
  });
});
