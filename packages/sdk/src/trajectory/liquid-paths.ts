/**
 * Variable paths a Liquid template reads, e.g. `order.customer.email` from
 * `{{ order.customer.email | default: "-" }}`. It is a reader for the common shapes (output
 * tags, `if`/`unless`/`elsif`/`case`/`when` conditions, `for x in list`), not a Liquid
 * parser: a path it misses only means one fewer environment search in a trajectory.
 * Loop variables come back as bindings so callers can resolve `x.title` to its list.
 */
export interface LiquidReads {
  readonly paths: readonly string[];
  /** `{% for item in order.lineItems %}` gives item → order.lineItems. */
  readonly bindings: ReadonlyMap<string, string>;
  /** Names introduced by `assign`/`capture`: local values, not environment paths. */
  readonly locals: ReadonlySet<string>;
}

const tagPattern = /\{\{-?([\s\S]*?)-?\}\}|\{%-?([\s\S]*?)-?%\}/g;
const pathPattern = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g;
const words: ReadonlySet<string> = new Set(
  (
    "and or not contains in true false nil null empty blank forloop limit offset " +
    "reversed else endif endfor endunless endcase endcapture with as by"
  ).split(" "),
);

export function liquidReads(template: string): LiquidReads {
  const paths: string[] = [];
  const bindings = new Map<string, string>();
  const locals = new Set<string>();
  for (const m of template.matchAll(tagPattern)) {
    const output = m[1];
    const tag = m[2];
    if (output !== undefined) collect(expressionPaths(output), paths);
    else if (tag !== undefined) {
      const body = stripStrings(tag).trim();
      const name = /^[a-z]+/.exec(body)?.[0] ?? "";
      const rest = body.slice(name.length);
      if (name === "for") {
        const loop = /^\s*([A-Za-z_]\w*)\s+in\s+([A-Za-z_][\w.]*)/.exec(rest);
        if (loop?.[1] !== undefined && loop[2] !== undefined) {
          bindings.set(loop[1], loop[2]);
          collect([loop[2]], paths);
        }
      } else if (name === "assign" || name === "capture") {
        const target = /^\s*([A-Za-z_]\w*)/.exec(rest)?.[1];
        if (target !== undefined) locals.add(target);
        if (name === "assign")
          collect(
            expressionPaths(rest.replace(/^\s*[A-Za-z_]\w*\s*=/, "")),
            paths,
          );
      } else if (["if", "unless", "elsif", "case", "when"].includes(name))
        collect(identifierPaths(rest), paths);
    }
  }
  return {
    paths: paths.filter((p) => !locals.has(p.split(".")[0] ?? "")),
    bindings,
    locals,
  };
}

/** The paths of `value | filter: arg, arg`: the value and any path-like filter arguments. */
function expressionPaths(expression: string): readonly string[] {
  const [value = "", ...filters] = stripStrings(expression).split("|");
  return [
    ...identifierPaths(value),
    ...filters.flatMap((f) => identifierPaths(f.split(":").slice(1).join(":"))),
  ];
}

function identifierPaths(text: string): readonly string[] {
  return [...text.matchAll(pathPattern)]
    .map((m) => m[0])
    .filter((p) => !words.has(p) && !/^\d/.test(p));
}

function stripStrings(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'/g, " ");
}

function collect(found: readonly string[], into: string[]): void {
  for (const p of found) if (!into.includes(p)) into.push(p);
}
