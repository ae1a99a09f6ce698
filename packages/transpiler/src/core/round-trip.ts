import { isDeepStrictEqual } from "node:util";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { firstDifference, type JsonDifference } from "../json/json-path.js";
import { jsonNodesIdentical } from "../json/to-value.js";
import type { Dialect } from "./dialect.js";
import { readDocument } from "./document-form.js";
import { jsonToPython, pythonToJson } from "./transpile.js";

/**
 * The two round-trip guarantees, checked on one document:
 * - lossless: JSON → Python → JSON with trivia gives the same tokens (and the same export
 *   prefix); `exactText` also tells whether even the whitespace came back identical;
 * - semantic: without trivia the result is canonically equal, and printing that result as
 *   Python gives the same Python again (the printer's fixed point).
 */
export interface RoundTripReport {
  readonly status: "ok" | "mismatch" | "rejected";
  readonly python?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly lossless?: {
    readonly ok: boolean;
    readonly exactText: boolean;
    readonly difference?: JsonDifference;
  };
  readonly semantic?: {
    readonly ok: boolean;
    readonly fixedPoint: boolean;
    readonly detail?: string;
  };
}

export function checkRoundTrip<O>(
  text: string,
  dialect: Dialect<O>,
  options: O = dialect.defaultOptions,
): RoundTripReport {
  const forward = jsonToPython(text, dialect, options);
  if (!forward.ok)
    return { status: "rejected", diagnostics: forward.diagnostics };
  const { python, trivia } = forward.value;

  const back = pythonToJson(python, dialect, {
    trivia,
    dialectOptions: options,
  });
  if (!back.ok)
    return { status: "mismatch", python, diagnostics: back.diagnostics };
  const reread = readDocument(back.value.json);
  const samePrefix =
    reread.ok && reread.value.form.prefix?.text === trivia.form.prefix?.text;
  const identical =
    reread.ok &&
    samePrefix &&
    jsonNodesIdentical(trivia.original, reread.value.node);
  const difference = identical
    ? undefined
    : firstDifference(trivia.original, back.value.document, "identical");
  const lossless = {
    ok: identical,
    exactText: back.value.json === text,
    ...(difference === undefined ? {} : { difference }),
  };

  const fresh = pythonToJson(python, dialect, { dialectOptions: options });
  if (!fresh.ok)
    return {
      status: "mismatch",
      python,
      diagnostics: fresh.diagnostics,
      lossless,
    };
  const a = dialect.canonicalize(trivia.original, options);
  const b = dialect.canonicalize(fresh.value.document, options);
  const equal = a.ok && b.ok && isDeepStrictEqual(a.value, b.value);
  const again = jsonToPython(fresh.value.json, dialect, options);
  const fixedPoint = again.ok && again.value.python === python;
  const semantic = {
    ok: equal,
    fixedPoint,
    ...(equal
      ? {}
      : {
          detail: !b.ok
            ? "the trivia-free document does not load"
            : "canonical forms differ",
        }),
    ...(fixedPoint
      ? {}
      : { detail: "printing the trivia-free document gives different Python" }),
  };
  const status = lossless.ok && semantic.ok && fixedPoint ? "ok" : "mismatch";
  return { status, python, diagnostics: [], lossless, semantic };
}
