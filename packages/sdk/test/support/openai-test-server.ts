import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback OpenAI-compatible chat-completions server that plays a script, for tests of
 * the LLM client and everything built on it (request synthesis, benchmark runs, judges).
 * `POST /v1/chat/completions` asks the script for a reply; every request is recorded.
 */

/** A tool call a scripted model makes; `arguments` is sent verbatim (it may be broken JSON). */
export interface ScriptedToolCall {
  readonly name: string;
  readonly arguments: string;
}

export type ScriptedReply = (
  | {
      readonly kind: "text";
      readonly content: string;
      readonly reasoning?: string;
      /** Several samples (`n`): each text is one choice. */
      readonly moreChoices?: readonly string[];
    }
  | {
      readonly kind: "tool_calls";
      readonly calls: readonly ScriptedToolCall[];
      readonly content?: string;
    }
  | {
      readonly kind: "status";
      readonly status: number;
      readonly body?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** A 200 answer whose body is exactly this text (not JSON, or JSON of the wrong shape). */
  | { readonly kind: "malformed"; readonly body: string }
  /** The connection is destroyed without an answer. */
  | { readonly kind: "drop" }
  /** Headers and half the body are sent, then the connection is destroyed. */
  | { readonly kind: "drop_mid_body"; readonly content: string }
) & {
  /** Wait this long before replying (a slow model). */
  readonly delayMs?: number;
  /** Leave `usage` out of the answer. */
  readonly omitUsage?: boolean;
};

/** The request body as the client sent it (parsed), or the raw text when it was not JSON. */
export interface RecordedRequest {
  /** 1-based, in arrival order. */
  readonly number: number;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: ChatBody | undefined;
  /** The usage the server answered with, when it answered with one. */
  usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
  };
  outcome?: string;
}

/** The parts of a request body the server reads. */
export interface ChatBody {
  readonly model?: string;
  readonly messages?: readonly {
    readonly role: string;
    readonly content: string;
  }[];
  readonly [key: string]: unknown;
}

export type Script = (
  body: ChatBody,
  requestNumber: number,
) => ScriptedReply | Promise<ScriptedReply>;

export interface OpenAiTestServer {
  /** The API root to give a client, e.g. `http://127.0.0.1:41234/v1`. */
  readonly baseUrl: string;
  readonly requests: readonly RecordedRequest[];
  /** Requests being answered right now, and the most there ever were at once. */
  readonly inFlight: () => number;
  readonly maxInFlight: () => number;
  /** Swap the script (between test cases) and forget recorded requests. */
  reset(script?: Script): void;
  close(): Promise<void>;
}

/**
 * Token counts a test can recompute: prompt tokens are the characters of the messages'
 * contents over 4, rounded up; completion tokens likewise for the reply's text and
 * tool-call arguments.
 */
export function scriptedUsage(
  body: ChatBody | undefined,
  completion: string,
): { readonly prompt_tokens: number; readonly completion_tokens: number } {
  const prompt = (body?.messages ?? [])
    .map((m) => (typeof m.content === "string" ? m.content : ""))
    .join("");
  return {
    prompt_tokens: Math.ceil(prompt.length / 4),
    completion_tokens: Math.ceil(completion.length / 4),
  };
}

export async function startOpenAiTestServer(
  initial: Script,
): Promise<OpenAiTestServer> {
  let script = initial;
  let requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      if (ms <= 0) {
        resolve(!res.destroyed);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off("close", gone);
        resolve(!res.destroyed);
      }, ms);
      const gone = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      timers.add(timer);
      res.once("close", gone);
    });

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: ChatBody | undefined;
    try {
      body = JSON.parse(rawBody) as ChatBody;
    } catch {
      body = undefined;
    }
    const record: RecordedRequest = {
      number: requests.length + 1,
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      rawBody,
      body,
    };
    requests.push(record);
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      record.outcome = "404";
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "no such route" } }));
      return;
    }
    if (body === undefined) {
      record.outcome = "400";
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "body is not JSON" } }));
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const reply = await script(body, record.number);
      if (!(await wait(reply.delayMs ?? 0, res))) {
        record.outcome = "client gone";
        return;
      }
      record.outcome = reply.kind;
      answer(reply, body, record, res);
    } finally {
      inFlight--;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A broken script is a broken test: answer 599 so the failure is visible.
      if (!res.headersSent) res.writeHead(599);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    reset(next) {
      if (next !== undefined) script = next;
      requests = [];
      maxInFlight = inFlight;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((e) => (e === undefined ? resolve() : reject(e))),
      );
    },
  };
}

function answer(
  reply: ScriptedReply,
  body: ChatBody,
  record: RecordedRequest,
  res: ServerResponse,
): void {
  switch (reply.kind) {
    case "status":
      res.writeHead(reply.status, {
        "content-type": "application/json",
        ...reply.headers,
      });
      res.end(
        reply.body ??
          JSON.stringify({ error: { message: `scripted ${reply.status}` } }),
      );
      return;
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" });
      res.end(reply.body);
      return;
    case "drop":
      res.socket?.destroy();
      return;
    case "drop_mid_body": {
      const text = JSON.stringify(completion(body, [reply.content], undefined));
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(text)),
      });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    case "text":
    case "tool_calls": {
      const contents =
        reply.kind === "text"
          ? [reply.content, ...(reply.moreChoices ?? [])]
          : [reply.content ?? ""];
      const calls = reply.kind === "tool_calls" ? reply.calls : undefined;
      const reasoning = reply.kind === "text" ? reply.reasoning : undefined;
      const written =
        contents.join("") +
        (reasoning ?? "") +
        (calls ?? []).map((c) => c.name + c.arguments).join("");
      const usage = scriptedUsage(body, written);
      const out = completion(body, contents, calls, reasoning);
      if (reply.omitUsage !== true) record.usage = usage;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(reply.omitUsage === true ? out : { ...out, usage }),
      );
      return;
    }
  }
}

function completion(
  body: ChatBody,
  contents: readonly string[],
  calls: readonly ScriptedToolCall[] | undefined,
  reasoning?: string,
): Record<string, unknown> {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 0,
    model: body.model ?? "unknown",
    choices: contents.map((content, index) => ({
      index,
      message: {
        role: "assistant",
        content: calls !== undefined && content === "" ? null : content,
        ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
        ...(calls === undefined
          ? {}
          : {
              tool_calls: calls.map((c, i) => ({
                id: `call_${i}`,
                type: "function",
                function: { name: c.name, arguments: c.arguments },
              })),
            }),
      },
      finish_reason: calls === undefined ? "stop" : "tool_calls",
    })),
  };
}
