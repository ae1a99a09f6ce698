import type { Diagnostic } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";

/*
 * Flow's Liquid subset (SPEC §e) as static rules over the template text. liquidjs parses
 * and renders; these rules reject what Flow rejects before anything renders.
 */

/** Tags shown in Shopify material plus the open-source control tags SPEC §e infers. */
const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  "if",
  "elsif",
  "else",
  "endif",
  "unless",
  "endunless",
  "case",
  "when",
  "endcase",
  "for",
  "endfor",
  "break",
  "continue",
  "assign",
  "capture",
  "endcapture",
  "comment",
  "endcomment",
  "raw",
  "endraw",
  "#",
]);

/** Open-source Liquid's standard filters that liquidjs implements, plus Shopify money/handle filters and Flow's own. */
export const ALLOWED_FILTERS: ReadonlySet<string> = new Set([
  "abs",
  "append",
  "at_least",
  "at_most",
  "base64_decode",
  "base64_encode",
  "capitalize",
  "ceil",
  "compact",
  "concat",
  "date",
  "default",
  "divided_by",
  "downcase",
  "escape",
  "escape_once",
  "first",
  "floor",
  "join",
  "last",
  "lstrip",
  "map",
  "minus",
  "modulo",
  "newline_to_br",
  "plus",
  "prepend",
  "remove",
  "remove_first",
  "remove_last",
  "replace",
  "replace_first",
  "replace_last",
  "reverse",
  "round",
  "rstrip",
  "size",
  "slice",
  "sort",
  "sort_natural",
  "split",
  "strip",
  "strip_html",
  "strip_newlines",
  "sum",
  "times",
  "truncate",
  "truncatewords",
  "uniq",
  "upcase",
  "url_decode",
  "url_encode",
  "where",
  "money",
  "money_with_currency",
  "money_without_currency",
  "handleize",
  "date_minus",
  "date_plus",
  "md5",
  "sha1",
  "sha256",
  "hmac_sha1",
  "hmac_sha256",
]);

/** Filters that print whole objects or lists, which Flow forbids. */
const OBJECT_PRINTING_FILTERS: ReadonlySet<string> = new Set([
  "json",
  "jsonify",
  "inspect",
]);

/** Flow filters the simulator cannot compute without a new dependency. */
export const UNSUPPORTED_FILTERS: ReadonlySet<string> = new Set(["blake3"]);

const CONDITION_TAGS: ReadonlySet<string> = new Set([
  "if",
  "elsif",
  "unless",
  "when",
  "case",
]);
const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set([
  "size",
  "first",
  "last",
  "empty?",
]);
const CONNECTION_MEMBERS: ReadonlySet<string> = new Set(["edges", "nodes"]);

export interface TagPart {
  readonly kind: "tag";
  readonly name: string;
  readonly args: string;
}
export interface OutputPart {
  readonly kind: "output";
  readonly content: string;
}
export type TemplatePart = TagPart | OutputPart;

/** Static diagnostics for the tags and outputs of one template (comment and raw bodies excluded). */
export function checkLiquidParts(parts: readonly TemplatePart[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const part of parts) {
    if (part.kind === "output") {
      checkFilteredValue(part.content, out);
      continue;
    }
    if (!ALLOWED_TAGS.has(part.name)) {
      out.push(
        problem(
          sdkCodes.simLiquidForbiddenTag,
          `the Liquid tag {% ${part.name} %} is not part of Flow's Liquid`,
          "Flow supports if/elsif/else, unless, case/when, for, assign, capture and comment.",
        ),
      );
      continue;
    }
    if (CONDITION_TAGS.has(part.name)) {
      if (splitTopLevel(part.args, "|").length > 1)
        out.push(
          problem(
            sdkCodes.simLiquidFilterInCondition,
            `a filter inside {% ${part.name} %}: Flow does not evaluate filters in conditions`,
            "Assign the filtered value first: {% assign n = list.id | size %}{% if n > 0 %}",
          ),
        );
      checkAccessors(part.args, out);
    } else if (part.name === "assign") {
      const eq = part.args.indexOf("=");
      checkFilteredValue(eq === -1 ? part.args : part.args.slice(eq + 1), out);
    } else if (part.name === "for") {
      checkAccessors(part.args, out);
    }
  }
  return out;
}

function checkFilteredValue(text: string, out: Diagnostic[]): void {
  const [expression = "", ...filters] = splitTopLevel(text, "|");
  checkAccessors(expression, out);
  for (const f of filters) {
    const name = /^\s*([A-Za-z_][\w]*)/.exec(f)?.[1] ?? "";
    const colon = f.indexOf(":");
    const args = colon === -1 ? "" : f.slice(colon + 1);
    if (OBJECT_PRINTING_FILTERS.has(name)) {
      out.push(
        problem(
          sdkCodes.simLiquidForbiddenFilter,
          `the ${name} filter prints whole objects, which Flow forbids`,
          "Print the scalar fields you need, one {{ }} each.",
        ),
      );
    } else if (UNSUPPORTED_FILTERS.has(name)) {
      out.push(
        problem(
          sdkCodes.simLiquidUnsupportedFilter,
          `the ${name} filter exists in Flow but the simulator cannot compute it`,
          "Results of steps using it are unknown to the simulator.",
        ),
      );
    } else if (!ALLOWED_FILTERS.has(name)) {
      out.push(
        problem(
          sdkCodes.simLiquidForbiddenFilter,
          `the filter ${JSON.stringify(name)} is not part of Flow's Liquid`,
        ),
      );
    }
    if (name === "map" && /^\s*["'](edges|nodes|node)["']\s*$/.test(args)) {
      out.push(
        problem(
          sdkCodes.simLiquidConnection,
          "map over connection plumbing (edges/nodes): Flow lists are plain lists",
          "Iterate the list itself: order.lineItems, not order.lineItems.edges.",
        ),
      );
    }
    checkAccessors(args, out);
  }
}

const CHAIN =
  /[A-Za-z_][\w-]*\??(?:\s*\.\s*[A-Za-z_][\w-]*\??|\s*\[[^\]]*\])*/g;

function checkAccessors(text: string, out: Diagnostic[]): void {
  const bare = blankQuoted(text);
  for (const m of bare.matchAll(CHAIN)) {
    const chain = m[0];
    if (chain.includes("[")) {
      out.push(
        problem(
          sdkCodes.simLiquidForbiddenAccessor,
          `index access in ${JSON.stringify(chain)}: Flow's Liquid has no [index] access`,
          "Use the first/last filters or a for loop.",
        ),
      );
      continue;
    }
    const members = chain.split(".").map((s) => s.trim());
    // forloop.first/last/index are the for tag's own scalars, not list accessors.
    if (members[0] === "forloop") continue;
    for (const member of members.slice(1)) {
      if (FORBIDDEN_MEMBERS.has(member))
        out.push(
          problem(
            sdkCodes.simLiquidForbiddenAccessor,
            `.${member} in ${JSON.stringify(chain)}: Flow's Liquid has no dot accessors on lists`,
            "Use filters: `list.id | size`, `list | first`.",
          ),
        );
      else if (CONNECTION_MEMBERS.has(member))
        out.push(
          problem(
            sdkCodes.simLiquidConnection,
            `${JSON.stringify(chain)} uses connection plumbing (edges/nodes)`,
            "Flow lists are plain lists: order.lineItems, not order.lineItems.edges.node.",
          ),
        );
    }
  }
}

/** Quoted strings replaced by spaces, so their content never reads as code. */
function blankQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'/g, (s) => " ".repeat(s.length));
}

/** Splits at `sep` outside quoted strings. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === sep) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function problem(code: string, message: string, hint?: string): Diagnostic {
  return {
    code,
    severity: "error",
    message,
    ...(hint === undefined ? {} : { hint }),
  };
}
