import { isPythonKeyword } from "../python/ast/identifiers.js";
import type { TextLine } from "./split-lines.js";

/**
 * Natural-language lines models put around bare code ("Here is the workflow:", "This
 * workflow tags…"). A line is prose when, at column 0, it starts with a word that is not a
 * Python keyword followed by another word that does not continue an expression; or it is a
 * single word ending in `:`, `!` or `.`. Neither can begin a valid Python statement, so
 * removing such lines never changes what valid code means. `#` lines are comments (code).
 */
// Soft keywords count too: a line starting with `match x:` may be code.
const SOFT_KEYWORDS: ReadonlySet<string> = new Set(["match", "case", "type"]);
const isKeyword = (word: string): boolean =>
  isPythonKeyword(word) || SOFT_KEYWORDS.has(word);

const IDENTIFIER = /^[A-Za-z_]\w*$/;
const WORD = /^([A-Za-z][\w'’-]*)([,:;!?.]*)$/;

export function isProseLine(line: string): boolean {
  // An indented or empty line starts with no word, so it is code (or blank) either way.
  const c0 = line.charCodeAt(0);
  if (line.length === 0 || c0 === 0x20 || c0 === 0x09) return false;
  // Markdown list numbers, quotes and bold text cannot start a Python statement.
  if (/^(?:\d+[.)][ \t]+[A-Za-z*`]|>|\*\*|__[A-Za-z])/.test(line)) return true;
  // Words are read one at a time: the answer comes within the first few, and splitting
  // a long line (100 KB of code on one line) allocated every word of it.
  const words = wordCursor(line.replace(/^[-*][ \t]+/, ""));
  const firstWord = words.next();
  const first = WORD.exec(firstWord ?? "");
  if (first === null) return false;
  const head = first[1] ?? "";
  const punctuation = first[2] ?? "";
  if (isKeyword(head)) return false;
  // An apostrophe would open a string literal that this line never closes.
  if (/['’]/.test(head)) return true;
  let next = words.next();
  if (next === undefined || next === "")
    return /^(?:[!?]+|[:.]|!)$/.test(punctuation) && IDENTIFIER.test(head);
  // Python never writes two names side by side: "the workflow", "Here is the workflow".
  for (let word = firstWord ?? ""; next !== undefined; next = words.next()) {
    const a = WORD.exec(word);
    const b = WORD.exec(next);
    if (a === null || b === null) return false;
    const left = a[1] ?? "";
    const right = b[1] ?? "";
    if (/['’]/.test(right)) return true;
    if (
      a[2] === "" &&
      !isKeyword(left) &&
      !isKeyword(right) &&
      IDENTIFIER.test(left) &&
      IDENTIFIER.test(right)
    )
      return true;
    word = next;
  }
  return false;
}

/**
 * The words of `text` as `text.split(/[ \t]+/)` lists them (an empty first or last word
 * when it starts or ends with a space or tab), one per `next()`, then `undefined`.
 */
function wordCursor(text: string): { readonly next: () => string | undefined } {
  let at = 0;
  let done = false;
  return {
    next: () => {
      if (done) return undefined;
      let end = at;
      while (end < text.length && !isBlank(text.charCodeAt(end))) end++;
      const word = text.slice(at, end);
      if (end >= text.length) done = true;
      else {
        at = end;
        while (at < text.length && isBlank(text.charCodeAt(at))) at++;
      }
      return word;
    },
  };
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export interface ProseSplit {
  /** Offsets of the code between the prose, `[codeStart, codeEnd)`. */
  readonly codeStart: number;
  readonly codeEnd: number;
  /** Prose lines removed before and after the code. */
  readonly linesBefore: number;
  readonly linesAfter: number;
}

/**
 * Leading prose: every non-blank line before the first code line is prose. Trailing
 * prose: a run of prose (and blank) lines after the last code line, separated from the
 * code by a blank line — the blank line keeps a docstring's last lines from being taken.
 */
export function findProse(
  text: string,
  lines: readonly TextLine[],
): ProseSplit {
  const textOf = (l: number): string => {
    const line = lines[l];
    return line === undefined ? "" : text.slice(line.start, line.end);
  };
  const isBlank = (l: number): boolean => textOf(l).trim() === "";
  let first = 0;
  let linesBefore = 0;
  while (
    first < lines.length &&
    (isBlank(first) || isProseLine(textOf(first)))
  ) {
    if (!isBlank(first)) linesBefore++;
    first++;
  }
  if (first >= lines.length) {
    // No code line at all: nothing to keep apart, leave the text for the parser to judge.
    return {
      codeStart: 0,
      codeEnd: text.length,
      linesBefore: 0,
      linesAfter: 0,
    };
  }
  let code = lines.length - 1;
  while (code > first && (isBlank(code) || isProseLine(textOf(code)))) code--;
  let cut = -1;
  for (let l = code + 1; l < lines.length && cut < 0; l++)
    if (isBlank(l)) cut = l;
  let linesAfter = 0;
  if (cut >= 0)
    for (let l = cut; l < lines.length; l++) if (!isBlank(l)) linesAfter++;
  return {
    codeStart: linesBefore > 0 ? (lines[first]?.start ?? 0) : 0,
    codeEnd:
      linesAfter > 0 ? (lines[cut - 1]?.next ?? text.length) : text.length,
    linesBefore,
    linesAfter,
  };
}
