import { open } from "node:fs/promises";
import { TextDecoder } from "node:util";

/** A problem with a line as bytes, before any JSON is read. */
export type LineProblem =
  | { readonly kind: "too-large"; readonly bytes: number }
  | { readonly kind: "encoding" };

export interface JsonlLine {
  /** 1-based line number. */
  readonly number: number;
  /** UTF-16 offset of the line's first character in the decoded file (a leading BOM not counted). */
  readonly offset: number;
  /**
   * The line without its line break. For a `too-large` line only the first
   * `keptBytes` bytes; for an `encoding` problem a lossy decoding (U+FFFD for bad bytes).
   */
  readonly text: string;
  readonly problem?: LineProblem;
}

/** How much of an over-long line is kept for the quarantine file. */
export const keptBytes = 64 * 1024;

const CHUNK = 1024 * 1024;
const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * The lines of a file, read in 1 MiB chunks: memory holds one chunk plus one line, and a
 * line over `maxLineBytes` is not held at all (only its first `keptBytes` bytes), so a
 * huge or newline-free file cannot exhaust memory. `\r\n` and `\n` both end a line.
 */
export async function* jsonlLines(
  path: string,
  maxLineBytes: number,
): AsyncGenerator<JsonlLine> {
  const handle = await open(path, "r");
  const decoders: Decoders = {
    strict: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }),
    lossy: new TextDecoder("utf-8", { ignoreBOM: true }),
  };
  try {
    let parts: Buffer[] = [];
    let bytes = 0;
    // UTF-16 length of an over-long line, counted as it streams past.
    let counter: TextDecoder | undefined;
    let counted = 0;
    let number = 0;
    let offset = 0;
    const finish = (): JsonlLine => {
      number += 1;
      const line = finishLine(
        decoders,
        number,
        offset,
        parts,
        bytes,
        counter,
        counted,
      );
      offset += line.length + 1;
      parts = [];
      bytes = 0;
      counter = undefined;
      counted = 0;
      return line.line;
    };
    const add = (piece: Buffer): void => {
      bytes += piece.length;
      if (counter === undefined && bytes > maxLineBytes) {
        // From here on the line is only counted, never held: keep its start for the quarantine.
        counter = new TextDecoder("utf-8", { ignoreBOM: true });
        for (const p of parts)
          counted += counter.decode(p, { stream: true }).length;
        counted += counter.decode(piece, { stream: true }).length;
        parts = [
          Buffer.from(Buffer.concat([...parts, piece]).subarray(0, keptBytes)),
        ];
      } else if (counter === undefined) parts.push(piece);
      else counted += counter.decode(piece, { stream: true }).length;
    };
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      let start = 0;
      for (
        let nl = chunk.indexOf(NEWLINE, start);
        nl !== -1;
        nl = chunk.indexOf(NEWLINE, start)
      ) {
        add(chunk.subarray(start, nl));
        yield finish();
        start = nl + 1;
      }
      if (start < chunk.length) add(chunk.subarray(start));
    }
    if (bytes > 0) yield finish();
  } finally {
    await handle.close();
  }
}

interface Decoders {
  readonly strict: TextDecoder;
  readonly lossy: TextDecoder;
}

function finishLine(
  { strict, lossy }: Decoders,
  number: number,
  offset: number,
  parts: readonly Buffer[],
  bytes: number,
  counter: TextDecoder | undefined,
  counted: number,
): { readonly line: JsonlLine; readonly length: number } {
  let data = parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
  if (number === 1 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    data = data.subarray(3);
  if (counter !== undefined) {
    const length = counted + counter.decode().length;
    return {
      line: {
        number,
        offset,
        text: lossy.decode(data),
        problem: { kind: "too-large", bytes },
      },
      length,
    };
  }
  const full = data.length;
  const body = data[data.length - 1] === CR ? data.subarray(0, -1) : data;
  try {
    const text = strict.decode(body);
    return {
      line: { number, offset, text },
      length: text.length + (full - body.length),
    };
  } catch {
    const text = lossy.decode(body);
    return {
      line: { number, offset, text, problem: { kind: "encoding" } },
      length: text.length + (full - body.length),
    };
  }
}
