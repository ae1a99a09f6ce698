import { codes, type Compiler } from "@flowpy/transpiler";
import { seededOrder } from "./seeded-choice.js";

/**
 * Mistakes agents really make when writing the Python form, each a small rewrite of the
 * correct program. A mistake is used only when the compiler in use rejects it, so the
 * diagnostic in the trajectory is always the compiler's own (a kind a lenient compiler
 * accepts, such as naming a step by assignment, is simply never chosen with it). The
 * catalog-validation kinds are used only when the compiler reports the code they teach.
 */
export const submissionMistakeKinds = [
  "missing_colon",
  "f_string",
  "assigned_call",
  "positional_argument",
  "unclosed_call",
  "len_condition",
  "liquid_in_condition",
  "unknown_config_field",
  "unknown_path",
  "list_as_scalar",
] as const;

export type SubmissionMistakeKind = (typeof submissionMistakeKinds)[number];

export interface SubmissionMistake {
  readonly kind: SubmissionMistakeKind;
  readonly python: string;
}

type Rewrite = (python: string) => string | undefined;

const rewrites = {
  // `if …:` / `for …:` without the colon, as when translating from another language.
  missing_colon(python) {
    const lines = python.split("\n");
    const at = lines.findIndex((l) => /^\s*(?:if|for|elif)\b.*:\s*$/.test(l));
    if (at < 0) return undefined;
    lines[at] = (lines[at] ?? "").replace(/:\s*$/, "");
    return lines.join("\n");
  },
  // Python's own interpolation instead of Liquid: "{{ order.name }}" → f"{order.name}".
  f_string(python) {
    const m = /"([^"\n]*?)\{\{\s*([A-Za-z_][\w.]*)\s*\}\}([^"\n]*)"/.exec(
      python,
    );
    if (m === null) return undefined;
    const [whole, before = "", path = "", after = ""] = m;
    if (/[{}]/.test(before + after)) return undefined;
    return python.replace(whole, `f"${before}{${path}}${after}"`);
  },
  // Keeping a step's result in a variable, as ordinary Python would.
  assigned_call(python) {
    const m = /^(\s+)((?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|task)\()/m.exec(
      python,
    );
    if (m === null) return undefined;
    return python.replace(m[0], `${m[1] ?? ""}result = ${m[2] ?? ""}`);
  },
  // Passing the first config value positionally.
  positional_argument(python) {
    const m =
      /((?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\(\s*)([a-z_][a-z0-9_]*)=/.exec(
        python,
      );
    if (m === null) return undefined;
    return python.replace(m[0], m[1] ?? "");
  },
  // A call whose closing parenthesis was lost at the end of the program.
  unclosed_call(python) {
    const at = python.lastIndexOf(")");
    if (at < 0 || python.slice(at + 1).trim() !== "") return undefined;
    return python.slice(0, at) + python.slice(at + 1);
  },
  // Counting instead of quantifying: `any(… for x in order.tags)` → `len(order.tags) > 0`.
  len_condition(python) {
    const m = /any\((?:[^()]|\([^()]*\))+? for \w+ in ([A-Za-z_][\w.]*)\)/.exec(
      python,
    );
    if (m === null) return undefined;
    return python.replace(m[0], `len(${m[1] ?? ""}) > 0`);
  },
  // Liquid where a condition needs the bare path: `if "{{ order.x }}" > 1:`.
  liquid_in_condition(python) {
    const m = /^(\s*(?:if|elif) )([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+)( )/m.exec(
      python,
    );
    if (m === null) return undefined;
    return python.replace(
      m[0],
      `${m[1] ?? ""}"{{ ${m[2] ?? ""} }}"${m[3] ?? ""}`,
    );
  },
  // A config field spelled as in the Admin API or misremembered: `product_id` → `productId`,
  // `tags` → `tag`.
  unknown_config_field(python) {
    const m = /((?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*\(\s*)([a-z][a-z0-9_]*)=/.exec(
      python,
    );
    if (m === null) return undefined;
    const field = m[2] ?? "";
    const wrong = field.includes("_")
      ? field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
      : field.endsWith("s")
        ? field.slice(0, -1)
        : `${field}s`;
    return python.replace(m[0], `${m[1] ?? ""}${wrong}=`);
  },
  // A field in the REST/theme spelling instead of GraphQL's: `order.lineItems` → `order.line_items`.
  unknown_path(python) {
    const m = /\b([a-z]\w*\.)([a-z]+[A-Z]\w*)\b/.exec(python);
    if (m === null) return undefined;
    const snake = (m[2] ?? "").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return python.replace(m[0], `${m[1] ?? ""}${snake}`);
  },
  // Comparing a list as one value: `any(t == "x" for t in order.tags)` → `order.tags == "x"`.
  list_as_scalar(python) {
    const m =
      /any\((\w+) (==|!=) ("[^"\n]*"|[\w.]+) for \1 in ([A-Za-z_][\w.]*)\)/.exec(
        python,
      );
    if (m === null) return undefined;
    return python.replace(m[0], `${m[4] ?? ""} ${m[2] ?? ""} ${m[3] ?? ""}`);
  },
} satisfies Record<SubmissionMistakeKind, Rewrite>;

/** The code a kind exists to teach; kinds without one take any rejection. */
const taughtCodes: Partial<Record<SubmissionMistakeKind, string>> = {
  unknown_config_field: codes.flowUnknownConfigField,
  unknown_path: codes.flowUnknownPath,
  list_as_scalar: codes.conditionListAsScalar,
};

/**
 * A mistaken version of `python` the compiler rejects, the kind chosen with `seed` among
 * those that apply; undefined when no rewrite applies or the compiler accepts them all.
 */
export function submissionMistake(
  python: string,
  compiler: Compiler,
  seed: number,
): SubmissionMistake | undefined {
  for (const kind of seededOrder(seed, "mistake", submissionMistakeKinds)) {
    const wrong = rewrites[kind](python);
    if (wrong === undefined || wrong === python) continue;
    const compiled = compiler.compile(wrong);
    const taught = taughtCodes[kind];
    if (
      !compiled.ok &&
      compiled.diagnostics.length > 0 &&
      (taught === undefined ||
        compiled.diagnostics.some((d) => d.code === taught))
    )
      return { kind, python: wrong };
  }
  return undefined;
}
