import {
  parseJson,
  jsonToValue,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import { evalExampleSchema, type EvalExample } from "./eval-example.js";

/**
 * An eval set from JSONL text, one example per line. A bad line (not JSON, off the schema,
 * an id seen before) is skipped with an error diagnostic naming the line, so one typo does
 * not lose the set; the result fails only when no example is left.
 */
export function readEvalSetJsonl(
  text: string,
  source = "eval set",
): Result<readonly EvalExample[]> {
  const examples: EvalExample[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const start = offset;
    offset += raw.length + 1;
    if (line.trim() === "") continue;
    const bad = (message: string): void => {
      diagnostics.push({
        code: sdkCodes.evalRunInvalidExample,
        severity: "error",
        message: `${source}:${i + 1}: ${message}; the line is skipped`,
        span: {
          start: { offset: start, line: i + 1, column: 1 },
          end: {
            offset: start + line.length,
            line: i + 1,
            column: line.length + 1,
          },
        },
      });
    };
    const parsed = parseJson(line, { spans: false });
    if (!parsed.ok) {
      bad(`not JSON (${parsed.diagnostics[0]?.message ?? "unreadable"})`);
      continue;
    }
    const checked = evalExampleSchema.safeParse(jsonToValue(parsed.value));
    if (!checked.success) {
      bad(
        checked.error.issues
          .map((issue) => `${issue.path.join(".") || "$"}: ${issue.message}`)
          .join("; "),
      );
      continue;
    }
    if (seen.has(checked.data.id)) {
      bad(`example id ${JSON.stringify(checked.data.id)} occurs earlier`);
      continue;
    }
    seen.add(checked.data.id);
    examples.push(checked.data);
  }
  if (examples.length === 0)
    return {
      ok: false,
      diagnostics: [
        ...diagnostics,
        {
          code: sdkCodes.evalRunEmptyEvalSet,
          severity: "error",
          message: `${source} holds no usable example`,
        },
      ],
    };
  return { ok: true, value: examples, diagnostics };
}
