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
  // Markdown list numbers, quotes and bold text cannot start a Python statement.
  if (/^(?:\d+[.)][ \t]+[A-Za-z*`]|>|\*\*|__[A-Za-z])/.test(line)) return true;
  const words = line.replace(/^[-*][ \t]+/, "").split(/[ \t]+/);
  const first = WORD.exec(words[0] ?? "");
  if (first === null) return false;
  const head = first[1] ?? "";
  const punctuation = first[2] ?? "";
  if (isKeyword(head)) return false;
  // An apostrophe would open a string literal that this line never closes.
  if (/['’]/.test(head)) return true;
  if (words.length === 1 || words[1] === "")
    return /^(?:[!?]+|[:.]|!)$/.test(punctuation) && IDENTIFIER.test(head);
  // Python never writes two names side by side: "the workflow", "Here is the workflow".
  for (let w = 0; w + 1 < words.length; w++) {
    const a = WORD.exec(words[w] ?? "");
    const b = WORD.exec(words[w + 1] ?? "");
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
  }
  return false;
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
