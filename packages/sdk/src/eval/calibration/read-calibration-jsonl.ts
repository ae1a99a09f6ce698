import type { Diagnostic, Result } from "@flowpy/transpiler";
import type { z } from "zod";
import { sdkCodes, type SdkCode } from "../../sdk-codes.js";
import {
  activationSchema,
  annotationSchema,
  judgeScoreSchema,
  type Activation,
  type Annotation,
  type JudgeScore,
} from "./calibration-records.js";

/**
 * Reads JSONL records. Blank lines are skipped; every other line must be one JSON object in
 * the schema, and each line that is not is reported with its line number, span and reason.
 * Any bad line fails the read: a calibration over a silently shortened file would be wrong.
 * Bad lines are reported under `code` (the judge's own readers pass theirs).
 */
export function readJsonl<T>(
  text: string,
  schema: z.ZodType<T>,
  what: string,
  code: SdkCode = sdkCodes.calibrationInvalidLine,
): Result<T[]> {
  const records: T[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const start = offset;
    offset += raw.length + 1;
    if (line.trim() === "") continue;
    const bad = (reason: string): void => {
      diagnostics.push({
        code,
        severity: "error",
        message: `line ${i + 1} is not ${what}: ${reason}`,
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
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      bad(`not JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      bad(
        parsed.error.issues
          .map((issue) =>
            issue.path.length > 0
              ? `${issue.path.join(".")}: ${issue.message}`
              : issue.message,
          )
          .join("; "),
      );
      continue;
    }
    records.push(parsed.data);
  }
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : { ok: true, value: records, diagnostics: [] };
}

/** Human annotations, one `Annotation` per line (see `annotationSchema`). */
export function readAnnotationsJsonl(text: string): Result<Annotation[]> {
  return readJsonl(
    text,
    annotationSchema as z.ZodType<Annotation>,
    "an annotation",
  );
}

/** Judge scores, one `JudgeScore` per line (see `judgeScoreSchema`). */
export function readJudgeScoresJsonl(text: string): Result<JudgeScore[]> {
  return readJsonl(
    text,
    judgeScoreSchema as z.ZodType<JudgeScore>,
    "a judge score",
  );
}

/** Production outcomes, one `Activation` per line. */
export function readActivationsJsonl(text: string): Result<Activation[]> {
  return readJsonl(text, activationSchema, "an activation record");
}
