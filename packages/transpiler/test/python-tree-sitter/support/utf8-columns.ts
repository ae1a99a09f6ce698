/**
 * CPython reports `col_offset` in UTF-8 bytes from the start of the line; our columns count
 * UTF-16 code units. Converts one to the other for a single line of text.
 */
export function utf8ToUtf16Column(line: string, byteOffset: number): number {
  let bytes = 0;
  let units = 0;
  while (bytes < byteOffset && units < line.length) {
    const cp = line.codePointAt(units) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    units += cp > 0xffff ? 2 : 1;
  }
  if (bytes !== byteOffset)
    throw new Error(
      `byte offset ${byteOffset} is not on a character boundary of ${JSON.stringify(line)}`,
    );
  return units;
}
