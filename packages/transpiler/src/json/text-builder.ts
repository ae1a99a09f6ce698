/**
 * A long text built from many short pieces, ending flat. Appending everything to one
 * string would leave a rope of one cons cell per piece, alive until the text is first
 * read and copied flat; one growing array of pieces costs about as much in the copies of
 * its backing store. Here pieces go to a fixed-size scratch array that is joined into a
 * flat chunk whenever it is full, and the chunks are joined once at the end (a text this
 * large goes to V8's large-object space, which minor collections never copy).
 * Scratch data of one build: never shared between calls.
 */
export interface TextBuilder {
  readonly chunks: string[];
  readonly scratch: string[];
  /** Pieces in `scratch` (the rest of it is stale). */
  used: number;
}

/** Pieces per chunk: large enough that chunks are few, small enough that the scratch array is cheap. */
const CHUNK_PIECES = 512;

export function createTextBuilder(): TextBuilder {
  return {
    chunks: [],
    scratch: new Array<string>(CHUNK_PIECES).fill(""),
    used: 0,
  };
}

export function appendText(b: TextBuilder, text: string): void {
  b.scratch[b.used++] = text;
  if (b.used === CHUNK_PIECES) {
    b.chunks.push(b.scratch.join(""));
    b.used = 0;
  }
}

/** The text appended so far. */
export function builtText(b: TextBuilder): string {
  const tail = b.scratch.slice(0, b.used).join("");
  // One join over every chunk: the text comes out flat, not as a cons of two.
  return b.chunks.length === 0 ? tail : [...b.chunks, tail].join("");
}
