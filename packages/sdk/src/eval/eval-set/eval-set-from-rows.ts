import type { Compiler, Diagnostic, Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import type { DatasetRow } from "../../dataset/dataset-row.js";
import { sdkCodes } from "../../sdk-codes.js";
import type { ResolvedToolSet } from "../../tools/resolve-tool-set.js";
import { toolByKey } from "../../tools/resolve-tool-set.js";
import type { EvalExample, RequestKind } from "./eval-example.js";

/** The dataset variants and the request each one poses; a fix conversation answers a create request. */
const kindOfVariant: Readonly<Record<string, RequestKind>> = {
  create: "create",
  fix: "create",
  edit: "edit",
  question: "question",
};

export interface RowsToEvalSetOptions {
  /** The compiler that turns the row's submitted Python into the reference workflow. */
  readonly compiler: Compiler;
  /** The tool set the rows were written with (its submit tool's name). */
  readonly toolSet: ResolvedToolSet;
}

/**
 * An eval set from the rows of a dataset's eval or test split (`flowpy dataset build`): the
 * user's messages are the request, the last Python the row submits is the reference (its
 * compiled workflow), an edit's current workflow is the Python its request quotes, and a
 * question is an example to decline. Rows that carry no usable reference are skipped with a
 * diagnostic naming the row.
 */
export function evalSetFromDatasetRows(
  rows: readonly DatasetRow[],
  options: RowsToEvalSetOptions,
): Result<readonly EvalExample[]> {
  const submitName = toolByKey(options.toolSet, "submit_workflow").name;
  const examples: EvalExample[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const skip = (row: DatasetRow, why: string): void => {
    diagnostics.push({
      code: sdkCodes.evalRunInvalidExample,
      severity: "error",
      message: `dataset row ${JSON.stringify(row.meta.id)}: ${why}; the row is skipped`,
    });
  };
  for (const row of rows) {
    const kind = kindOfVariant[row.meta.variant];
    if (kind === undefined) {
      skip(
        row,
        `variant ${JSON.stringify(row.meta.variant)} poses no known request kind`,
      );
      continue;
    }
    if (seen.has(row.meta.id)) {
      skip(row, "its id occurs earlier");
      continue;
    }
    const messages = row.messages.flatMap((m) =>
      m.role === "user" ? [m.content] : [],
    );
    if (messages.length === 0) {
      skip(row, "it has no user message");
      continue;
    }
    const base = {
      id: row.meta.id,
      kind,
      messages,
      tags: [
        `variant:${row.meta.variant}`,
        ...row.meta.tasks.map((t) => `task:${t}`),
      ],
    };
    if (kind === "question") {
      seen.add(row.meta.id);
      examples.push({ ...base, shouldDecline: true });
      continue;
    }
    const python = lastSubmission(row.messages, submitName);
    const reference =
      python === undefined ? undefined : options.compiler.compile(python);
    if (reference?.workflow === undefined || !reference.ok) {
      skip(row, "no submitted Python of it compiles, so there is no reference");
      continue;
    }
    let currentWorkflow: string | undefined;
    if (kind === "edit") {
      const quoted = quotedPython(messages[0] ?? "");
      const current =
        quoted === undefined ? undefined : options.compiler.compile(quoted);
      if (current?.workflow === undefined || !current.ok) {
        skip(row, "the workflow its request quotes does not compile");
        continue;
      }
      currentWorkflow = current.workflow;
    }
    seen.add(row.meta.id);
    examples.push({
      ...base,
      reference: reference.workflow,
      ...(currentWorkflow === undefined ? {} : { currentWorkflow }),
    });
  }
  if (examples.length === 0)
    return {
      ok: false,
      diagnostics: [
        ...diagnostics,
        {
          code: sdkCodes.evalRunEmptyEvalSet,
          severity: "error",
          message: "the dataset rows give no usable example",
        },
      ],
    };
  return { ok: true, value: examples, diagnostics };
}

/** The `python` argument of the conversation's last call to the submit tool. */
export function lastSubmission(
  messages: readonly ChatMessage[],
  submitName: string,
): string | undefined {
  let found: string | undefined;
  for (const m of messages)
    if (m.role === "assistant")
      for (const call of m.tool_calls ?? []) {
        if (call.function.name !== submitName) continue;
        const python = pythonArgument(call.function.arguments);
        if (python !== undefined) found = python;
      }
  return found;
}

function pythonArgument(argumentsText: string): string | undefined {
  try {
    const args: unknown = JSON.parse(argumentsText);
    if (typeof args === "object" && args !== null && "python" in args) {
      const python: unknown = args.python;
      return typeof python === "string" ? python : undefined;
    }
  } catch {
    // Arguments that are not JSON carry no submission.
  }
  return undefined;
}

/** The first ```python fenced block of a message. */
export function quotedPython(message: string): string | undefined {
  return /```python\n([\s\S]*?)```/.exec(message)?.[1];
}
