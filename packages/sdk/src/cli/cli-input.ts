import { readFileSync, writeFileSync } from "node:fs";
import type { Diagnostic } from "@flowpy/transpiler";

/** A command-line mistake: printed with the usage text, exit status 2. */
export type Usage = { readonly usage: string };

export function isUsage(v: unknown): v is Usage {
  return typeof v === "object" && v !== null && "usage" in v;
}

/** `--flag value` pairs (each flag at most once) and the positional arguments. */
export function flags(
  args: readonly string[],
  valued: readonly string[],
):
  | { readonly values: Map<string, string>; readonly positional: string[] }
  | Usage {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (valued.includes(a)) {
      const v = args[++i];
      if (v === undefined) return { usage: `${a} needs a value` };
      if (values.has(a)) return { usage: `${a} given twice` };
      values.set(a, v);
    } else if (a.startsWith("-")) return { usage: `unknown option ${a}` };
    else positional.push(a);
  }
  return { values, positional };
}

export function wholeNumber(
  text: string | undefined,
  flag: string,
  fallback: number,
  min = 1,
): number | Usage {
  if (text === undefined) return fallback;
  const n = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(n) && n >= min
    ? n
    : { usage: `${flag} needs a whole number ≥ ${min}, got "${text}"` };
}

export function readText(file: string): string | Usage {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    return {
      usage: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
}

export function writeText(file: string, text: string): Usage | undefined {
  try {
    writeFileSync(file, text);
    return undefined;
  } catch (e) {
    return {
      usage: `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
}

/** One diagnostic as `flowpy eval: error[code]: message`. */
export function evalErrorLine(d: Diagnostic): string {
  return `flowpy eval: ${d.severity}[${d.code}]: ${d.message}\n`;
}
