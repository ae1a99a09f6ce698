import { describe, expect, it } from "vitest";
import { extractPython } from "../../src/model-output/extract-python.js";

const PY =
  '@workflow("Tag big orders")\n@trigger(shopify.orders.order_created)\ndef main(order):\n    if order.total_price > 100:\n        shopify.add_order_tags(order_id=order.id, tags=["big"])\n';
const PY_ESCAPED = JSON.stringify(PY);
const SNIPPET = "x = compute()\n";

interface Case {
  readonly name: string;
  readonly raw: string;
  readonly python: string;
  readonly line: number;
  /** A number, or `"@"`: the column of the first `@workflow` in `raw` (one-line JSON). */
  readonly column: number | "@";
  readonly codes: readonly string[];
}

const cases: readonly Case[] = [
  { name: "bare python", raw: PY, python: PY, line: 1, column: 1, codes: [] },
  {
    name: "bare python with leading blank lines",
    raw: `\n\n${PY}`,
    python: `\n\n${PY}`,
    line: 1,
    column: 1,
    codes: [],
  },
  {
    name: "```python fence",
    raw: "```python\n" + PY + "```\n",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "```py fence",
    raw: "```py\n" + PY + "```",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "```Python3 fence",
    raw: "```Python3\n" + PY + "```",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "fence without language",
    raw: "```\n" + PY + "```\n",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "~~~ fence",
    raw: "~~~python\n" + PY + "~~~\n",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "four-backtick fence",
    raw: "````python\n" + PY + "````\n",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "fence with prose before",
    raw: "Here is the workflow you asked for:\n\n```python\n" + PY + "```\n",
    python: PY,
    line: 4,
    column: 1,
    codes: ["model-output-fenced", "model-output-prose"],
  },
  {
    name: "fence with prose after",
    raw: "```python\n" + PY + "```\n\nThis tags every order over $100.\n",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-fenced", "model-output-prose"],
  },
  {
    name: "fence with prose before and after",
    raw:
      "Sure! Here it is.\n```python\n" +
      PY +
      "```\nLet me know if you need changes.\n",
    python: PY,
    line: 3,
    column: 1,
    codes: ["model-output-fenced", "model-output-prose"],
  },
  {
    name: "CRLF fence",
    raw: "Here:\r\n```python\r\nx = 1\r\n```\r\n",
    python: "x = 1\r\n",
    line: 3,
    column: 1,
    codes: ["model-output-fenced", "model-output-prose"],
  },
  {
    name: "indented fence (list item)",
    raw: "1. Code:\n   ```python\n" + SNIPPET + "   ```\n",
    python: SNIPPET,
    line: 3,
    column: 1,
    codes: ["model-output-fenced", "model-output-prose"],
  },
  {
    name: "several fences: the @workflow one",
    raw:
      "First a helper:\n```python\n" +
      SNIPPET +
      "```\nThen the workflow:\n```python\n" +
      PY +
      "```\n",
    python: PY,
    line: 7,
    column: 1,
    codes: [
      "model-output-fenced",
      "model-output-several-blocks",
      "model-output-prose",
    ],
  },
  {
    name: "several fences: none with @workflow, first python",
    raw:
      "```bash\npip install flowpy\n```\n```python\n" +
      SNIPPET +
      "```\n```python\ny = 2\n```\n",
    python: SNIPPET,
    line: 5,
    column: 1,
    codes: ["model-output-fenced", "model-output-several-blocks"],
  },
  {
    name: "only a non-python fence",
    raw: "```text\n" + SNIPPET + "```\n",
    python: SNIPPET,
    line: 2,
    column: 1,
    codes: ["model-output-fenced"],
  },
  {
    name: "truncated fence",
    raw: "```python\n" + PY.slice(0, 60),
    python: PY.slice(0, 60),
    line: 2,
    column: 1,
    codes: ["model-output-fenced", "model-output-unclosed-fence"],
  },
  {
    name: "truncated fence after prose",
    raw: "Here you go:\n```python\n" + PY,
    python: PY,
    line: 3,
    column: 1,
    codes: [
      "model-output-fenced",
      "model-output-unclosed-fence",
      "model-output-prose",
    ],
  },
  {
    name: "empty fence",
    raw: "```python\n```\n",
    python: "",
    line: 2,
    column: 1,
    codes: ["model-output-fenced", "model-output-empty"],
  },
  {
    name: "leading prose before bare code",
    raw: "Here is the workflow:\n" + PY,
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-prose"],
  },
  {
    name: "leading prose with blank line",
    raw: "Sure, here is the workflow.\n\n" + PY,
    python: PY,
    line: 3,
    column: 1,
    codes: ["model-output-prose"],
  },
  {
    name: "trailing prose after bare code",
    raw: PY + "\nThis workflow tags big orders.\n",
    python: PY,
    line: 1,
    column: 1,
    codes: ["model-output-prose"],
  },
  {
    name: "prose both sides of bare code",
    raw: "Okay!\n" + PY + "\n\nHope this helps.",
    python: PY,
    line: 2,
    column: 1,
    codes: ["model-output-prose"],
  },
  {
    name: "comment first is code, not prose",
    raw: "# tags orders\n" + PY,
    python: "# tags orders\n" + PY,
    line: 1,
    column: 1,
    codes: [],
  },
  {
    name: "tool call, arguments as JSON string",
    raw: JSON.stringify({
      name: "submit_workflow",
      arguments: JSON.stringify({ code: PY }),
    }),
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool call, arguments as object",
    raw: JSON.stringify(
      { name: "submit_workflow", arguments: { python: PY } },
      null,
      2,
    ),
    python: PY,
    line: 4,
    column: 16,
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool call, only string field",
    raw: `{"arguments": {"workflow_source": ${PY_ESCAPED}, "steps": 2}}`,
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool call, source field",
    raw: `{"arguments": {"title": "x", "source": ${PY_ESCAPED}}}`,
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool call, program field",
    raw: `{"arguments": {"program": ${PY_ESCAPED}}}`,
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool_calls array (OpenAI)",
    raw: JSON.stringify({
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "submit", arguments: JSON.stringify({ code: PY }) },
        },
      ],
    }),
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool_use input (Anthropic)",
    raw: JSON.stringify({
      type: "tool_use",
      name: "submit",
      input: { code: PY },
    }),
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "array of tool calls",
    raw: JSON.stringify([
      { name: "think", arguments: { code: SNIPPET } },
      { name: "submit", arguments: { code: PY } },
    ]),
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool call with fenced code inside",
    raw: JSON.stringify({
      name: "submit",
      arguments: { code: "```python\n" + PY + "```" },
    }),
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call", "model-output-fenced"],
  },
  {
    name: "tool call inside a json fence",
    raw:
      "```json\n" +
      JSON.stringify({ name: "submit", arguments: { code: PY } }) +
      "\n```\n",
    python: PY,
    line: 2,
    column: 39,
    codes: ["model-output-fenced", "model-output-tool-call"],
  },
  {
    name: "tool call with plain-text arguments",
    raw: JSON.stringify({ name: "submit", arguments: PY }),
    python: PY,
    line: 1,
    column: "@",
    codes: ["model-output-tool-call"],
  },
  {
    name: "tool call without code",
    raw: JSON.stringify({ name: "submit", arguments: { steps: 3 } }),
    python: "",
    line: 1,
    column: 1,
    codes: ["model-output-tool-call"],
  },
  {
    name: "JSON workflow",
    raw: JSON.stringify({ __metadata: { version: 0.1 }, root: { steps: [] } }),
    python: "",
    line: 1,
    column: 1,
    codes: ["model-output-json-workflow"],
  },
  {
    name: "JSON workflow in a fence",
    raw:
      "```json\n" + JSON.stringify({ root: { steps: [] } }, null, 2) + "\n```",
    python: "",
    line: 2,
    column: 1,
    codes: ["model-output-fenced", "model-output-json-workflow"],
  },
  {
    name: "JSON workflow in tool arguments",
    raw: JSON.stringify({
      name: "submit",
      arguments: JSON.stringify({ __metadata: {}, root: {} }),
    }),
    python: "",
    line: 1,
    column: 1,
    codes: ["model-output-json-workflow"],
  },
  {
    name: "empty",
    raw: "",
    python: "",
    line: 1,
    column: 1,
    codes: ["model-output-empty"],
  },
  {
    name: "whitespace only",
    raw: "  \n\t\n",
    python: "",
    line: 1,
    column: 1,
    codes: ["model-output-empty"],
  },
  {
    name: "python dict literal is left alone",
    raw: '{"a": 1}\n',
    python: '{"a": 1}\n',
    line: 1,
    column: 1,
    codes: [],
  },
  {
    name: "broken JSON is left to the parser",
    raw: '{"arguments": {"code": "x = 1',
    python: '{"arguments": {"code": "x = 1',
    line: 1,
    column: 1,
    codes: [],
  },
];

describe("extractPython", () => {
  it("has at least 30 cases", () =>
    expect(cases.length).toBeGreaterThanOrEqual(30));
  it.each(cases)("$name", (c) => {
    const got = extractPython(c.raw);
    expect(got.python).toBe(c.python);
    const column = c.column === "@" ? c.raw.indexOf("@workflow") + 1 : c.column;
    expect(got.offset).toEqual({ line: c.line, column });
    expect(got.notes.map((n) => n.code)).toEqual(c.codes);
    for (const n of got.notes) expect(n.message.length).toBeGreaterThan(10);
  });

  it("says what it removed", () => {
    const got = extractPython(
      "Here is the workflow:\n\n```python\n" + PY + "```\nDone.\n",
    );
    expect(got.notes.map((n) => [n.severity, n.message])).toEqual([
      ["warning", "removed the ```python code fence around the code"],
      [
        "warning",
        "removed 1 line of text before the code block and 1 line after it",
      ],
    ]);
  });

  it("reports empty and JSON-workflow output as errors with a hint", () => {
    for (const raw of ["", JSON.stringify({ __metadata: {}, root: {} })]) {
      const [note] = extractPython(raw).notes;
      expect(note?.severity).toBe("error");
      expect(note?.hint).toMatch(/python|workflow/i);
    }
  });
});
