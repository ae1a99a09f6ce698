import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../sha256-hex.js";
import { errorCode, errorText } from "./error-text.js";
import type { SimValue } from "../simulator/sim-value.js";
import { canonicalJson } from "../simulator/sim-value.js";
import type { ChatCompletionRequestBody } from "./chat-completion.js";

/** The format tag of a cache entry; an entry with another tag is a miss. */
export const LLM_CACHE_FORMAT = "flowpy-llm-cache/1";

/**
 * The content address of a request: sha256 of its canonical JSON (keys sorted at every
 * depth) together with the namespace. Everything the server sees in the body (model,
 * messages, tools, sampling settings) is in it; the API key and the URL are not, so
 * moving servers or keys keeps the cache.
 */
export function requestCacheKey(
  body: ChatCompletionRequestBody & { readonly model: string },
  namespace: string,
): string {
  return sha256Hex(canonicalJson({ namespace, body } as unknown as SimValue));
}

export type CacheRead =
  | { readonly kind: "hit"; readonly answer: unknown }
  | { readonly kind: "miss" }
  | { readonly kind: "unreadable"; readonly detail: string };

/**
 * One file per answer, `<dir>/<first two hex>/<key>.json`. Entries are written to a
 * temporary file beside the final one and renamed into place, so a reader (or a run
 * killed mid-write) only ever sees whole entries; a killed write can leave a `*.tmp` file,
 * which is never read.
 */
export interface ResponseCache {
  read(key: string): Promise<CacheRead>;
  /** Undefined when written, else why not. */
  write(
    key: string,
    model: string,
    answer: unknown,
  ): Promise<string | undefined>;
}

export function createResponseCache(dir: string): ResponseCache {
  const pathOf = (key: string): string =>
    join(dir, key.slice(0, 2), `${key}.json`);
  return {
    async read(key) {
      let text: string;
      try {
        text = await readFile(pathOf(key), "utf8");
      } catch (e) {
        return errorCode(e) === "ENOENT"
          ? { kind: "miss" }
          : { kind: "unreadable", detail: errorText(e) };
      }
      try {
        const entry: unknown = JSON.parse(text);
        if (
          typeof entry === "object" &&
          entry !== null &&
          "format" in entry &&
          entry.format === LLM_CACHE_FORMAT &&
          "key" in entry &&
          entry.key === key &&
          "answer" in entry
        )
          return { kind: "hit", answer: entry.answer };
        return { kind: "unreadable", detail: "not a cache entry for this key" };
      } catch (e) {
        return { kind: "unreadable", detail: errorText(e) };
      }
    },
    async write(key, model, answer) {
      const path = pathOf(key);
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
        await writeFile(
          temporary,
          `${JSON.stringify({ format: LLM_CACHE_FORMAT, key, model, answer })}\n`,
          "utf8",
        );
        await rename(temporary, path);
        return undefined;
      } catch (e) {
        await rm(temporary, { force: true }).catch(() => undefined);
        return errorText(e);
      }
    },
  };
}
