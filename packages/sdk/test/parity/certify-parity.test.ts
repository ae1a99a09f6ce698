import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildDatasetRow,
  certifyParity,
  chatCompletionRequest,
  pinnedQwen3Template,
  readServingSide,
  rowConversation,
  writeDataset,
  type DatasetRow,
  type ParityDifference as Difference,
  type ParityCertificate,
} from "../../src/index.js";
import { runSdk } from "../cli/run-sdk-cli.js";
import {
  createConversation,
  systemPrompt,
  taskIds,
} from "../dataset/conversations.js";

function buildRow(tag: string): DatasetRow {
  const r = buildDatasetRow(
    createConversation(`Tag paid orders with ${tag}`, tag),
    {
      id: tag,
      source: `corpus/${tag}.json`,
      variant: "create",
      tasks: taskIds,
    },
    { enableThinking: true },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

const row = buildRow("VIP");
const rows = [row, buildRow("GOLD")];

/** The request the serving agent sends for the row's conversation, as plain JSON to edit. */
type Json = Record<string, unknown> & {
  messages: Record<string, unknown>[];
  tools: { type: string; function: { name: string; description: string } }[];
};
function request(): Json {
  const body = chatCompletionRequest(rowConversation(row), {
    model: "agent-qwen3-32b-ft",
    enableThinking: row.meta.enable_thinking,
    generation: row.meta.generation_config,
  });
  return JSON.parse(JSON.stringify(body)) as Json;
}

function certify(body: unknown, chatTemplate?: string): ParityCertificate {
  const serving = readServingSide(JSON.stringify(body), chatTemplate);
  if (!serving.ok) throw new Error(JSON.stringify(serving.diagnostics));
  return certifyParity({ rows }, serving.value);
}

function kinds(c: ParityCertificate): string[] {
  return [...new Set(c.differences.map((d) => d.kind))].sort();
}

describe("certifyParity against a captured request", () => {
  it("passes when the serving side sends exactly the training conversation", () => {
    const c = certify(request());
    expect(c.differences).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.notes.join(" ")).toContain("assumed the SDK's pinned template");
  });

  it("passes for a shorter request replaying the first turns (the agent mid-loop)", () => {
    const body = request();
    body.messages = body.messages.slice(0, 4);
    expect(certify(body).differences).toEqual([]);
  });

  it("names a renamed tool", () => {
    const body = request();
    const renamed = "flow_app_agent_task_search";
    body.tools[0]!.function.name = renamed;
    for (const m of body.messages) {
      const calls = m["tool_calls"] as
        { function: { name: string } }[] | undefined;
      for (const call of calls ?? [])
        if (call.function.name === "task_search") call.function.name = renamed;
    }
    const c = certify(body);
    expect(c.ok).toBe(false);
    expect(c.differences).toContainEqual<Difference>({
      kind: "tool-name",
      path: "tools[0].function.name",
      training: "task_search",
      serving: renamed,
    });
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "message",
        path: "messages[2].tool_calls[0].function.name",
      }),
    );
    expect(kinds(c)).toEqual(["message", "token-ids", "tool-name"]);
  });

  it("names reordered tools", () => {
    const body = request();
    body.tools = [body.tools[1]!, body.tools[0]!, body.tools[2]!];
    const c = certify(body);
    expect(c.differences).toContainEqual<Difference>({
      kind: "tool-order",
      path: "tools",
      training: "task_search, task_configuration, submit_workflow",
      serving: "task_configuration, task_search, submit_workflow",
    });
    expect(kinds(c)).toEqual(["token-ids", "tool-order"]);
  });

  it("names an edited description", () => {
    const body = request();
    body.tools[1]!.function.description += " Use it sparingly.";
    const c = certify(body);
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "tool-description",
        path: "tools[task_configuration].function.description",
        serving: JSON.stringify(body.tools[1]!.function.description),
      }),
    );
    expect(kinds(c)).toEqual(["token-ids", "tool-description"]);
  });

  it("names sorted response keys", () => {
    const body = request();
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortKeys)
        : typeof v === "object" && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, sortKeys(x)]),
            )
          : v;
    for (const m of body.messages)
      if (m["role"] === "tool")
        m["content"] = JSON.stringify(
          sortKeys(JSON.parse(m["content"] as string)),
        );
    const c = certify(body);
    expect(c.differences).toContainEqual<Difference>({
      kind: "response-key-order",
      path: "responses.task_search$.results[*]",
      training: "id,label,description,installed",
      serving: "description,id,installed,label",
    });
    expect(kinds(c)).toEqual(["response-key-order", "token-ids"]);
  });

  it("names Python-style separators in tool answers", () => {
    const body = request();
    for (const m of body.messages)
      if (m["role"] === "tool")
        m["content"] = (m["content"] as string)
          .replaceAll('","', '", "')
          .replaceAll('":', '": ');
    const c = certify(body);
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "response-layout",
        path: "responses.task_search",
        training: 'one line, separators "," ":"',
      }),
    );
  });

  it("names a changed system prompt", () => {
    const body = request();
    body.messages[0]!["content"] = systemPrompt.replace(
      "Build workflows",
      "Build flows",
    );
    const c = certify(body);
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "system-prompt",
        path: "messages[0].content[38]",
      }),
    );
    expect(kinds(c)).toEqual(["system-prompt", "token-ids"]);
  });

  it("names a changed chat template", () => {
    const changed = pinnedQwen3Template().source.replace(
      "# Tools",
      "# Functions",
    );
    const c = certify(request(), changed);
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "chat-template",
        path: "chat_template.sha256",
        training: row.meta.template_sha256,
      }),
    );
    const tokens = c.differences.find((d) => d.kind === "token-ids");
    expect(tokens?.serving).toContain("Functions");
    expect(kinds(c)).toEqual(["chat-template", "token-ids"]);
  });

  it("names parameter schema edits and number spellings the server would print differently", () => {
    const body = request();
    const params = (
      body.tools[2]!.function as unknown as {
        parameters: Record<string, unknown>;
      }
    ).parameters;
    params["required"] = [];
    const edited = certify(body);
    expect(edited.differences).toContainEqual<Difference>({
      kind: "tool-parameters",
      path: "tools[submit_workflow].function.parameters.required",
      training: '["python"]',
      serving: "[]",
    });
    const text = JSON.stringify(request()).replace(
      '"maxItems":8',
      '"maxItems":8.0',
    );
    const serving = readServingSide(text);
    if (!serving.ok) throw new Error("bad serving side");
    const c = certifyParity({ rows }, serving.value);
    expect(c.differences).toEqual([
      {
        kind: "tool-rendering",
        path: "tools[0].function.parameters.properties.queries.maxItems",
        training: "8 (the value as training renders it)",
        serving: "8.0 (as the server prints the served text)",
      },
    ]);
  });

  it("names generation settings and thinking mode left to server defaults", () => {
    const body = request();
    delete body["temperature"];
    body["chat_template_kwargs"] = {};
    body["top_p"] = 0.8;
    const c = certify(body);
    expect(c.differences).toEqual(
      expect.arrayContaining([
        {
          kind: "generation-config",
          path: "temperature",
          training: "0.6",
          serving: "(not sent: the server's default applies)",
        },
        {
          kind: "generation-config",
          path: "top_p",
          training: "0.95",
          serving: "0.8",
        },
      ]),
    );
    expect(kinds(c)).toEqual(["generation-config"]);
  });

  it("names the reasoning field and compact arguments the way vLLM reads them", () => {
    const body = request();
    const assistant = body.messages[2]!;
    assistant["reasoning"] = assistant["reasoning_content"];
    delete assistant["reasoning_content"];
    expect(certify(body).differences).toEqual([]);
    const calls = assistant["tool_calls"] as {
      function: { arguments: string };
    }[];
    calls[0]!.function.arguments =
      '{"queries":["order paid","add order tags"]}';
    expect(certify(body).differences).toEqual([]);
    calls[0]!.function.arguments = '{"queries":["order paid"]}';
    expect(kinds(certify(body))).toEqual(["message", "token-ids"]);
  });

  it("reports stale rows whose ids no longer match their conversation", () => {
    const stale = {
      ...row,
      input_ids: row.input_ids.map((id, i) => (i === 5 ? 0 : id)),
    };
    const serving = readServingSide(JSON.stringify(request()));
    if (!serving.ok) throw new Error("bad serving side");
    const c = certifyParity({ rows: [stale] }, serving.value);
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "row-tokens",
        path: "rows[0].input_ids[5]",
      }),
    );
  });
});

describe("certifyParity against a served definition", () => {
  const definition = (): Record<string, unknown> => ({
    tools: JSON.parse(row.tools) as unknown,
    system_prompt: systemPrompt,
    enable_thinking: true,
    generation_config: row.meta.generation_config,
    tool_responses: {
      task_search: [
        '{"results":[{"id":"x","label":"X","description":"d","installed":false}]}',
      ],
    },
  });

  it("passes for the tool set and system prompt the rows were built with", () => {
    expect(certify(definition()).differences).toEqual([]);
  });

  it("names a changed system prompt and counts the rows it changes", () => {
    const def = definition();
    def["system_prompt"] = `${systemPrompt} Be brief.`;
    const c = certify(def);
    expect(kinds(c)).toEqual(["system-prompt", "token-ids"]);
    expect(c.differences).toContainEqual(
      expect.objectContaining({
        kind: "token-ids",
        serving: "2 rows render to different token ids",
      }),
    );
  });

  it("names sorted keys in sample responses", () => {
    const def = definition();
    def["tool_responses"] = {
      task_search: [
        '{"results":[{"description":"d","id":"x","installed":false,"label":"X"}]}',
      ],
    };
    expect(kinds(certify(def))).toEqual(["response-key-order"]);
  });
});

describe("flowpy-sdk parity", () => {
  const dir = mkdtempSync(join(tmpdir(), "flowpy-sdk-parity-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const training = join(dir, "train.jsonl");
  writeFileSync(
    training,
    writeDataset(rows, { name: "t", seed: 1, shuffle: false }).jsonl,
  );

  it("exits 0 for identical sides and 1 naming each difference otherwise", async () => {
    const same = join(dir, "same.json");
    writeFileSync(same, JSON.stringify(request()));
    const ok = await runSdk("parity", training, same);
    expect(ok).toMatchObject({ code: 0, err: "" });
    expect(ok.out).toContain("parity: no difference");

    const body = request();
    body.tools[0]!.function.description = "Find tasks.";
    const edited = join(dir, "edited.json");
    writeFileSync(edited, JSON.stringify(body));
    const bad = await runSdk("parity", training, edited);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(
      "tool-description  tools[task_search].function.description",
    );
    const asJson = await runSdk("parity", training, edited, "--json");
    expect((JSON.parse(asJson.out) as ParityCertificate).ok).toBe(false);
  });

  it("exits 2 on usage errors and unreadable files", async () => {
    expect((await runSdk("parity", training)).code).toBe(2);
    expect(
      (await runSdk("parity", training, join(dir, "missing.json"))).code,
    ).toBe(2);
    const notServing = join(dir, "x.json");
    writeFileSync(notServing, '{"hello": 1}');
    const r = await runSdk("parity", training, notServing);
    expect(r.code).toBe(2);
    expect(r.err).toContain("neither a chat-completions request");
  });
});
