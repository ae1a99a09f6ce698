/**
 * Where each character of extracted code came from in the raw model output.
 *
 * - `shift`: the code is a contiguous slice of the raw text (bare code, a fenced block,
 *   code after removed prose): code offset `o` is raw offset `o + delta`. Exact.
 * - `table`: the code was decoded from one or more JSON string literals, so escapes make
 *   the two texts differ in length. `offsets[o]` is the raw offset where the code unit `o`
 *   was written (the backslash of an escape such as `\n` or `\u00e9`); `offsets[length]`
 *   is the raw offset just after the last one. Exact for every code unit; a span's end
 *   maps to the end of the last escape it covers, so a span ending in an escaped
 *   character covers the whole escape in the raw text.
 */
export type OffsetMap =
  | { readonly kind: "shift"; readonly delta: number }
  | { readonly kind: "table"; readonly offsets: Int32Array };

export const IDENTITY: OffsetMap = { kind: "shift", delta: 0 };

export function mapOffset(map: OffsetMap, offset: number): number {
  if (map.kind === "shift") return offset + map.delta;
  const { offsets } = map;
  const last = offsets.length - 1;
  return offsets[Math.max(0, Math.min(offset, last))] ?? 0;
}

/** `outer ∘ inner`: first `inner` (code → intermediate text), then `outer` (→ raw). */
export function composeMaps(
  outer: OffsetMap,
  inner: OffsetMap,
  codeLength: number,
): OffsetMap {
  if (outer.kind === "shift" && inner.kind === "shift")
    return { kind: "shift", delta: outer.delta + inner.delta };
  // The usual tool call: a table for the JSON string, the code taken from it whole.
  if (outer.kind === "table" && inner.kind === "shift")
    return {
      kind: "table",
      offsets: outer.offsets.slice(inner.delta, inner.delta + codeLength + 1),
    };
  const offsets = new Int32Array(codeLength + 1);
  for (let o = 0; o <= codeLength; o++)
    offsets[o] = mapOffset(outer, mapOffset(inner, o));
  return { kind: "table", offsets };
}

/** Restricts a map to the slice of its code text that starts at `start`. */
export function sliceMap(
  map: OffsetMap,
  start: number,
  length: number,
): OffsetMap {
  if (map.kind === "shift") return { kind: "shift", delta: map.delta + start };
  return {
    kind: "table",
    offsets: map.offsets.slice(start, start + length + 1),
  };
}
