/** The ways models wrap code, as functions of the code; each is undone by `extractPython`. */
export interface Wrapper {
  readonly name: string;
  readonly wrap: (python: string, prose: string) => string;
  /** The code is a slice of the raw text (line shift), not decoded from JSON. */
  readonly slice: boolean;
}

export const wrappers: readonly Wrapper[] = [
  { name: "bare", slice: true, wrap: (py) => py },
  {
    name: "```python",
    slice: true,
    wrap: (py) => "```python\n" + py + "```\n",
  },
  { name: "```py", slice: true, wrap: (py) => "```py\n" + py + "```" },
  { name: "```", slice: true, wrap: (py) => "```\n" + py + "```\n" },
  { name: "~~~", slice: true, wrap: (py) => "~~~python\n" + py + "~~~\n" },
  { name: "unclosed fence", slice: true, wrap: (py) => "```python\n" + py },
  {
    name: "prose + fence",
    slice: true,
    wrap: (py, p) => `${p}\n\n\`\`\`python\n${py}\`\`\`\n`,
  },
  {
    name: "fence + prose",
    slice: true,
    wrap: (py, p) => `\`\`\`python\n${py}\`\`\`\n\n${p}\n`,
  },
  {
    name: "prose + fence + prose",
    slice: true,
    wrap: (py, p) => `${p}\n\`\`\`python\n${py}\`\`\`\n${p}`,
  },
  { name: "prose + bare", slice: true, wrap: (py, p) => `${p}\n${py}` },
  { name: "bare + prose", slice: true, wrap: (py, p) => `${py}\n${p}\n` },
  {
    name: "prose + bare + prose",
    slice: true,
    wrap: (py, p) => `${p}\n\n${py}\n\n${p}`,
  },
  {
    name: "tool call, string arguments",
    slice: false,
    wrap: (py) =>
      JSON.stringify({
        name: "submit_workflow",
        arguments: JSON.stringify({ code: py }),
      }),
  },
  {
    name: "tool call, object arguments",
    slice: false,
    wrap: (py) =>
      JSON.stringify(
        { name: "submit_workflow", arguments: { python: py } },
        null,
        2,
      ),
  },
  {
    name: "tool call, only string field",
    slice: false,
    wrap: (py) =>
      JSON.stringify({ arguments: { workflow_text: py, dry_run: true } }),
  },
  {
    name: "tool_calls",
    slice: false,
    wrap: (py) =>
      JSON.stringify({
        tool_calls: [
          {
            id: "c1",
            type: "function",
            function: {
              name: "submit",
              arguments: JSON.stringify({ source: py }),
            },
          },
        ],
      }),
  },
  {
    name: "tool_use",
    slice: false,
    wrap: (py) =>
      JSON.stringify({
        type: "tool_use",
        id: "t1",
        name: "submit",
        input: { program: py },
      }),
  },
  {
    name: "fenced tool call",
    slice: false,
    wrap: (py, p) =>
      `${p}\n\`\`\`json\n${JSON.stringify({ name: "submit", arguments: { code: py } })}\n\`\`\`\n`,
  },
  {
    name: "tool call with fenced code",
    slice: false,
    wrap: (py) =>
      JSON.stringify({
        name: "submit",
        arguments: { code: "```python\n" + py + "```" },
      }),
  },
];

export const proseSamples: readonly string[] = [
  "Here is the workflow:",
  "Sure! Here's the workflow you asked for.",
  "This workflow tags every high-value order.",
  "Okay!",
  "Let me know if you need any changes.",
  "**Note:** the trigger fires on every new order.",
  "1. Copy the code below into Flow.",
];
