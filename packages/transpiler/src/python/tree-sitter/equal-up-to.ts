/**
 * Where the equal stretch of `a` and `b` (texts of the same length) that starts at `from`
 * ends, as far as whole aligned blocks tell: `from` itself unless it starts an equal
 * aligned block of 256 characters, else the start of the first aligned block of 256 that
 * differs (or the end). Blocks are compared natively, 8,192 characters at a time where
 * aligned, so that a `diagnoseAll` round that changed one line of 100 KB costs a few
 * dozen comparisons instead of four hundred.
 */
export function equalUpTo(a: string, b: string, from: number): number {
  let i = from;
  while (i < a.length) {
    if (i % LARGE === 0 && same(a, b, i, LARGE)) i += LARGE;
    else if (i % SMALL === 0 && same(a, b, i, SMALL)) i += SMALL;
    else break;
  }
  return Math.min(i, a.length);
}

const LARGE = 8192;
const SMALL = 256;

function same(a: string, b: string, at: number, length: number): boolean {
  return a.slice(at, at + length) === b.slice(at, at + length);
}
