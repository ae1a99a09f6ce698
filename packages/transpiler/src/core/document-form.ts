import { hash } from "node:crypto";
import { codes } from "../diagnostics/codes.js";
import { error, fail, ok, type Result } from "../diagnostics/diagnostic.js";
import type { JsonNode } from "../json/json-node.js";
import { parseJson, type ParseJsonOptions } from "../json/parse-json.js";
import { inferParsedJsonStyle } from "../json/infer-style.js";
import { prettyStyle, printJson, type JsonStyle } from "../json/print-json.js";

/**
 * How a document sat on disk: an optional export prefix (`<64 hex>:` before the JSON, as
 * in Flow's `.flow` files) and the JSON layout. The layout is found by printing candidates
 * and comparing, so a document written by any of the common writers prints back identically.
 */
export interface DocumentForm {
  readonly prefix?: { readonly text: string; readonly sha256OfBody: boolean };
  readonly style: JsonStyle;
}

export interface ReadDocument {
  readonly node: JsonNode;
  readonly form: DocumentForm;
}

const PREFIX = /^([0-9A-Fa-f]{64}):/;

/** Text that is neither JSON nor a well-formed export line but looks like an attempt at one. */
function badPrefix(text: string): string | undefined {
  const first = text.trimStart().charAt(0);
  if (
    first === "{" ||
    first === "[" ||
    first === '"' ||
    first === "" ||
    (/[-0-9tfn]/.test(first) && !/^[0-9A-Fa-f]{8,}/.test(text))
  )
    return undefined;
  if (/^[0-9A-Fa-f]{64}\s*[{[]/.test(text))
    return "the export prefix is not followed by a colon";
  const colon = text.indexOf(":");
  const brace = text.search(/[{[]/);
  if (colon > 0 && (brace === -1 || colon < brace)) {
    const prefix = text.slice(0, colon);
    return /^[0-9A-Fa-f]*$/.test(prefix)
      ? `the export prefix has ${prefix.length} hex digits, not 64`
      : "the text before the colon is not a 64-digit hex digest";
  }
  return undefined;
}

export function readDocument(
  text: string,
  options: ParseJsonOptions = {},
): Result<ReadDocument> {
  const m = PREFIX.exec(text);
  const body = m ? text.slice(m[0].length) : text;
  const bad =
    m === null
      ? badPrefix(text)
      : /[A-F]/.test(m[1] ?? "")
        ? "the export prefix has upper-case hex digits"
        : undefined;
  if (bad !== undefined) {
    return fail([
      error(codes.flowExportPrefix, bad, {
        path: [],
        span: {
          start: { offset: 0, line: 1, column: 1 },
          end: { offset: 1, line: 1, column: 2 },
        },
        hint: "An export file is one line: 64 lower-case hex digits, a colon, then the JSON document.",
      }),
    ]);
  }
  // Node spans are not needed past this point (Flow diagnostics use JSON paths) and cost
  // allocation on the hot path; syntax errors still carry line:column.
  const parsed = parseJson(body, { spans: false, ...options });
  if (!parsed.ok) {
    if (m === null) return parsed;
    // Report columns relative to the whole line, which is what an editor shows.
    const shift = m[0].length;
    return fail(
      parsed.diagnostics.map((d) =>
        d.span && d.span.start.line === 1
          ? {
              ...d,
              span: {
                start: {
                  ...d.span.start,
                  offset: d.span.start.offset + shift,
                  column: d.span.start.column + shift,
                },
                end:
                  d.span.end.line === 1
                    ? {
                        ...d.span.end,
                        offset: d.span.end.offset + shift,
                        column: d.span.end.column + shift,
                      }
                    : d.span.end,
              },
            }
          : d,
      ),
    );
  }
  const style = inferParsedJsonStyle(body, parsed.value) ?? {
    ...prettyStyle,
    finalNewline: body.endsWith("\n"),
  };
  const prefixText = m?.[1];
  const form: DocumentForm =
    prefixText === undefined
      ? { style }
      : {
          style,
          prefix: {
            text: prefixText,
            sha256OfBody: sha256(body) === prefixText.toLowerCase(),
          },
        };
  return ok({ node: parsed.value, form });
}

/**
 * Prints a document in a form. A prefix that was the SHA-256 of the old body is recomputed
 * for the new body; any other prefix (Flow's own, keyed on the server) is kept as it was.
 */
export function writeDocument(node: JsonNode, form: DocumentForm): string {
  const body = printJson(node, form.style);
  if (form.prefix === undefined) return body;
  return `${form.prefix.sha256OfBody ? sha256(body) : form.prefix.text}:${body}`;
}

function sha256(text: string): string {
  // One-shot hashing (UTF-8, as `createHash().update(text, "utf8")`) skips the Hash object.
  return hash("sha256", text, "hex");
}

/** The forms a fresh document can be written in. */
export const documentForms = {
  /** What the Flow agent tools send: 2-space pretty JSON. */
  agent: { style: prettyStyle } satisfies DocumentForm,
  /** Flow CLI `workflow.flow.json`: keys sorted at every depth, 2-space indent, final newline. */
  iac: {
    style: { ...prettyStyle, sortKeys: true, finalNewline: true },
  } satisfies DocumentForm,
  /** Flow admin export (`.flow`): `sha256(body):` + compact JSON on one line. */
  export: {
    style: {
      indent: null,
      keySeparator: ":",
      itemSeparator: ",",
      sortKeys: false,
      finalNewline: false,
    },
    prefix: { text: "", sha256OfBody: true },
  } satisfies DocumentForm,
} as const;
