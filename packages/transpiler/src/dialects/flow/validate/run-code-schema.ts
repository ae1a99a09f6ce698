import type { FieldInfo } from "./environment.js";
import { SCALAR_TYPES, UNKNOWN_TYPE } from "./environment.js";

/**
 * The object types a Run code `output_schema` declares (GraphQL SDL, SPEC §d.4), so paths
 * into `runCode.…` can be checked. Only `type Name { field: Type … }` blocks are read;
 * descriptions, comments, arguments and directives are skipped. Type names are qualified
 * with `prefix` so two Run code steps that both declare `Output` stay apart. Undefined
 * when the text is not SDL this reader understands: the output is then left unchecked.
 */
export function readOutputSchema(
  sdl: string,
  prefix: string,
): ReadonlyMap<string, readonly FieldInfo[]> | undefined {
  const tokenized = tokenize(sdl);
  if (tokenized === undefined) return undefined;
  const tokens: readonly string[] = tokenized;
  const declared = new Map<
    string,
    { name: string; type: string; list: boolean }[]
  >();
  let i = 0;
  const next = (): string | undefined => tokens[i++];
  const peek = (): string | undefined => tokens[i];
  while (i < tokens.length) {
    const word = next();
    if (word === "type" || word === "input" || word === "interface") {
      const name = next();
      if (name === undefined || !isName(name)) return undefined;
      while (peek() !== undefined && peek() !== "{") next(); // implements …, directives
      if (next() !== "{") return undefined;
      const fields: { name: string; type: string; list: boolean }[] = [];
      while (peek() !== "}") {
        const field = next();
        if (field === undefined || !isName(field)) return undefined;
        if (peek() === "(") skipBalanced("(", ")");
        if (next() !== ":") return undefined;
        let list = false;
        let t = next();
        if (t === "[") {
          list = true;
          t = next();
        }
        if (t === undefined || !isName(t)) return undefined;
        while (peek() === "!" || peek() === "]") next();
        while (peek() === "@") {
          next();
          next();
          if (peek() === "(") skipBalanced("(", ")");
        }
        fields.push({ name: field, type: t, list });
      }
      next();
      declared.set(name, fields);
    } else if (word === "enum" || word === "scalar" || word === "union") {
      // Leaves: their values are not paths.
      while (
        peek() !== undefined &&
        !["type", "input", "interface", "enum", "scalar", "union"].includes(
          peek() ?? "",
        )
      ) {
        if (peek() === "{") {
          skipBalanced("{", "}");
          break;
        }
        next();
      }
    } else if (word === "schema" || word === "extend") {
      return undefined;
    } else {
      return undefined;
    }
  }
  const out = new Map<string, readonly FieldInfo[]>();
  for (const [name, fields] of declared)
    out.set(
      `${prefix}${name}`,
      fields.map((f) => ({
        name: f.name,
        type: declared.has(f.type)
          ? `${prefix}${f.type}`
          : SCALAR_TYPES.has(f.type)
            ? f.type
            : UNKNOWN_TYPE,
        isList: f.list,
      })),
    );
  return out;

  function skipBalanced(open: string, close: string): void {
    let depth = 0;
    while (i < tokens.length) {
      const t = next();
      if (t === open) depth++;
      else if (t === close && --depth === 0) return;
    }
  }
}

function isName(t: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(t);
}

/** Names and punctuation; strings, block strings and comments dropped. */
function tokenize(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s|,/.test(c)) {
      i++;
    } else if (c === "#") {
      while (i < text.length && text.charAt(i) !== "\n") i++;
    } else if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (c === '"') {
      i++;
      while (i < text.length && text.charAt(i) !== '"') {
        if (text.charAt(i) === "\\") i++;
        if (text.charAt(i) === "\n") return undefined;
        i++;
      }
      if (i >= text.length) return undefined;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
      const word = m?.[0] ?? c;
      out.push(word);
      i += word.length;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9.eE+-]+/.exec(text.slice(i, i + 64));
      i += Math.max(1, m?.[0].length ?? 1);
      out.push("0");
    } else {
      out.push(c);
      i++;
    }
  }
  return out;
}
