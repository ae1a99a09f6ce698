import type { JsonValue } from "../conversation/chat-message.js";
import { toolResponseLayout, writeJson } from "./canonical-json.js";
import { isPlainObject } from "./json-schema.js";
import type { Toolbox } from "./toolbox.js";

/** One search an agent makes and the task it is after. */
export interface SummaryDesignQuery {
  readonly query: string;
  readonly task: { readonly id: string; readonly version: string };
}

/** Token counts of the two-step design against returning full schemas from search. */
export interface SummaryDesignFigures {
  readonly queries: number;
  /** Task entries all answers list together. */
  readonly hits: number;
  /** task_search answers as served (summaries). */
  readonly summaryTokens: number;
  /** The same answers with every hit's full configuration inlined (the one-step design). */
  readonly fullTokens: number;
  /** Summaries plus one task_configuration answer for the task each query was after. */
  readonly twoStepTokens: number;
  /** fullTokens / twoStepTokens. */
  readonly ratio: number;
}

/**
 * Measures the summary → detail design: for each query, the tokens of the task_search
 * answer, of the same answer carrying full schemas, and of the summary plus the one
 * configuration the agent then asks for. `countTokens` is the model's tokenizer.
 */
export function measureSummaryDesign(
  toolbox: Toolbox,
  queries: readonly SummaryDesignQuery[],
  countTokens: (text: string) => number,
): SummaryDesignFigures {
  let hits = 0;
  let summaryTokens = 0;
  let fullTokens = 0;
  let twoStepTokens = 0;
  const run = (key: "task_search" | "task_configuration", args: JsonValue) =>
    toolbox.call(toolbox.nameOf(key), toolbox.writeArguments(key, args));
  for (const { query, task } of queries) {
    const search = run("task_search", { search_queries: [query] });
    if (search.kind !== "answered") continue;
    const listed = listedTasks(search.value);
    hits += listed.length;
    const summary = countTokens(search.content);
    summaryTokens += summary;
    const details =
      listed.length === 0
        ? []
        : arrayAt(
            answerValue(
              run("task_configuration", {
                tasks: listed.map((t) => ({
                  id: String(t["id"]),
                  version: String(t["version"]),
                })),
              }),
            ),
            "tasks",
          );
    const inlined: JsonValue = {
      results: [
        {
          query,
          tasks: listed.map((t, i): JsonValue => {
            const d = details[i];
            return d !== undefined && isPlainObject(d)
              ? Object.fromEntries([...Object.entries(t), ...Object.entries(d)])
              : t;
          }),
        },
      ],
    };
    fullTokens += countTokens(writeJson(inlined, toolResponseLayout));
    const chosen = run("task_configuration", { tasks: [task] });
    twoStepTokens += summary + countTokens(chosen.content);
  }
  return {
    queries: queries.length,
    hits,
    summaryTokens,
    fullTokens,
    twoStepTokens,
    ratio: twoStepTokens === 0 ? 0 : fullTokens / twoStepTokens,
  };
}

function answerValue(answer: ReturnType<Toolbox["call"]>): JsonValue {
  return answer.kind === "answered" ? answer.value : null;
}

function arrayAt(value: JsonValue, key: string): readonly JsonValue[] {
  const inner = isPlainObject(value) ? value[key] : undefined;
  return Array.isArray(inner) ? (inner as readonly JsonValue[]) : [];
}

function listedTasks(
  value: JsonValue,
): readonly { readonly [key: string]: JsonValue }[] {
  return arrayAt(value, "results").flatMap((r) =>
    arrayAt(r, "tasks").filter(isPlainObject),
  );
}
