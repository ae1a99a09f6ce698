import type { Conversation, ToolDefinition } from "../../src/index.js";

/** Hand-written agent conversations in the shape the trajectory builder produces. */
export const agentTools: readonly ToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "task_search",
      description:
        "Search Flow tasks (triggers, actions, conditions) by what they do.",
      parameters: {
        type: "object",
        properties: {
          queries: { type: "array", items: { type: "string" }, maxItems: 8 },
          task_type: {
            type: "string",
            enum: ["trigger", "action", "condition"],
          },
        },
        required: ["queries"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "task_configuration",
      description: "Full configuration and return fields of the given tasks.",
      parameters: {
        type: "object",
        properties: { task_ids: { type: "array", items: { type: "string" } } },
        required: ["task_ids"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "submit_workflow",
      description:
        "Compile the workflow's Python and report diagnostics or success.",
      parameters: {
        type: "object",
        properties: { python: { type: "string" } },
        required: ["python"],
      },
    },
  },
];

export const systemPrompt =
  "You are the Shopify Flow agent. Build workflows with the tools; answer questions directly.";

export function createConversation(request: string, tag: string): Conversation {
  return {
    tools: agentTools,
    messages: [
      { role: "system", content: systemPrompt },
      { role: "user", content: request },
      {
        role: "assistant",
        content: "",
        reasoning_content: "Find the trigger and the tagging action.",
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: {
              name: "task_search",
              arguments: '{"queries": ["order paid", "add order tags"]}',
            },
          },
        ],
      },
      {
        role: "tool",
        tool_call_id: "call_1",
        content:
          '{"results":[{"id":"shopify::admin::order_paid","label":"Order paid","description":"When an order is paid","installed":true},{"id":"shopify::admin::add_order_tags","label":"Add order tags","description":"Adds tags","installed":true}]}',
      },
      {
        role: "assistant",
        content: "",
        tool_calls: [
          {
            id: "call_2",
            type: "function",
            function: {
              name: "task_configuration",
              arguments:
                '{"task_ids": ["shopify::admin::order_paid", "shopify::admin::add_order_tags"]}',
            },
          },
        ],
      },
      {
        role: "tool",
        tool_call_id: "call_2",
        content:
          '{"tasks":[{"id":"shopify::admin::add_order_tags","config":[{"id":"tags","type":"array"}]}]}',
      },
      {
        role: "assistant",
        content: "",
        reasoning_content: "Write the workflow.",
        tool_calls: [
          {
            id: "call_3",
            type: "function",
            function: {
              name: "submit_workflow",
              arguments: JSON.stringify({
                python: `@workflow("Tag ${tag}")\ndef run(order):\n    shopify.admin.add_order_tags(tags=["${tag}"])\n`,
              }),
            },
          },
        ],
      },
      {
        role: "tool",
        tool_call_id: "call_3",
        content: '{"ok":true,"diagnostics":[]}',
      },
      {
        role: "assistant",
        content: `Done: paid orders now get the ${tag} tag. Turn the workflow on to start.`,
        reasoning_content: "It compiled.",
      },
    ],
  };
}

export const taskIds = [
  "shopify::admin::order_paid",
  "shopify::admin::add_order_tags",
];
