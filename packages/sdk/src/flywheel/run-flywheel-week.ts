import {
  bundledCatalog,
  validateWorkflow,
  type Catalog,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import type {
  ChatMessage,
  ToolDefinition,
} from "../conversation/chat-message.js";
import { buildDatasetRow, serializeRow } from "../dataset/dataset-row.js";
import { segmentCachingTokenizer } from "../render/qwen3-tokenizer.js";
import { openAiTools, resolveToolSet } from "../tools/resolve-tool-set.js";
import type { JudgeFacet } from "../eval/calibration/judge-facets.js";
import {
  conversationTags,
  type ConversationTags,
} from "../eval/slices/conversation-tags.js";
import {
  failureShares,
  type FailureShare,
} from "../eval/slices/failure-shares.js";
import {
  gapSuggestions,
  type GapSuggestion,
} from "../eval/slices/gap-suggestions.js";
import { sliceMetrics, type SliceTable } from "../eval/slices/slice-metrics.js";
import type { Redactor } from "../redact/create-redactor.js";
import { readFlowWorkflow } from "../records/workflow-record.js";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import type { FlywheelStore } from "./flywheel-store.js";
import { parseIsoWeek } from "./iso-week.js";
import type { FacetVerdict, Judge, JudgeVerdicts } from "./judge-stand-in.js";
import {
  productionConversationSchema,
  type ProductionConversation,
} from "./production-conversation.js";
import {
  judgePasses,
  routeReasons,
  routeScored,
  routes,
  type Route,
  type RouteReason,
} from "./route-conversation.js";
import { flywheelVersionFiles } from "./flywheel-dataset.js";

export interface FlywheelWeekOptions {
  /** The ISO week, e.g. `2026-W47`; conversations outside it are quarantined. */
  readonly week: string;
  /** The week's production conversations as JSONL text (see `productionConversationSchema`). */
  readonly conversations: string;
  readonly store: FlywheelStore;
  readonly judge: Judge;
  readonly redactor: Redactor;
  /** The facets calibration marked usable (`JudgeCalibration.gatingFacets`); only they gate. */
  readonly gatingFacets: readonly JudgeFacet[];
  /** The dataset the week's training rows are added to (`flywheel`). */
  readonly datasetName?: string;
  readonly catalog?: Catalog;
  /** Judge calls in flight at once (4). */
  readonly concurrency?: number;
  /** The tools the production assistant offered, for the training rows (the default tool set's by default). */
  readonly tools?: readonly ToolDefinition[];
  /** Whether training rows are rendered in thinking mode (false: production turns carry no reasoning). */
  readonly enableThinking?: boolean;
}

/** What happened to one non-blank input line. */
export interface FlywheelDecision {
  readonly line: number;
  readonly conversationId: string | null;
  readonly route: Route;
  readonly reason: RouteReason;
  readonly message: string;
  readonly requestKind: ConversationTags["requestKind"] | null;
}

export interface FlywheelWeek {
  readonly week: string;
  /** `built`: this call made the version; `unchanged`: the week was already run on this input. */
  readonly status: "built" | "unchanged";
  readonly datasetName: string;
  readonly datasetVersion: number;
  readonly parentVersion: number | null;
  readonly inputSha256: string;
  readonly judge: {
    readonly id: string;
    readonly model: string | null;
    readonly promptVersion: string | null;
    readonly promptSha256: string | null;
  };
  readonly gatingFacets: readonly JudgeFacet[];
  readonly routeCounts: Readonly<Record<Route, number>>;
  readonly decisions: readonly FlywheelDecision[];
  /** Rows the version added, and rows in it. */
  readonly rowsAdded: number;
  readonly rowCount: number;
  /** Slices of the judged conversations on `judge_pass` (and `activated` for those with a workflow). */
  readonly slices: SliceTable;
  readonly failureShares: readonly FailureShare[];
  readonly gaps: readonly GapSuggestion[];
}

interface Scored {
  readonly line: number;
  readonly conversation: ProductionConversation;
  readonly messages: readonly ChatMessage[];
  readonly workflow: string | undefined;
  readonly tags: ConversationTags;
  readonly compiles: boolean;
}

function fail(code: string, message: string): Result<never> {
  const d: Diagnostic = { code, severity: "error", message };
  return { ok: false, diagnostics: [d] };
}

/**
 * One week of the flywheel: reads the week's conversations (bad lines are quarantined with
 * their line number and reason), redacts them, tags them, scores them with the judge, routes
 * each (see `routeReasons`), and in one store transaction records every decision and adds the
 * training rows as the dataset's next version, each row with its lineage (conversation, line,
 * week, judge model, prompt version and hash). Returns the week's summary with the slice
 * table and gap suggestions. Running a week again on the same input changes nothing and
 * returns the stored summary (`unchanged`; the judge is not called); on different input it
 * fails with `flywheel-week-changed`.
 */
export async function runFlywheelWeek(
  options: FlywheelWeekOptions,
): Promise<Result<FlywheelWeek>> {
  const week = parseIsoWeek(options.week);
  if (week === undefined)
    return fail(
      sdkCodes.flywheelInvalidWeek,
      `${options.week} is not an ISO week (YYYY-Www)`,
    );
  const datasetName = options.datasetName ?? "flywheel";
  const gatingFacets = [...new Set(options.gatingFacets)].sort();
  const inputSha256 = sha256Hex(
    JSON.stringify([
      options.week,
      datasetName,
      options.judge.id,
      gatingFacets,
      sha256Hex(options.conversations),
    ]),
  );
  const { store } = options;
  const previous = await store.all(
    "SELECT input_sha256, summary_json FROM flywheel_weeks WHERE dataset_name = ? AND week = ?",
    [datasetName, options.week],
  );
  const prior = previous[0];
  if (prior !== undefined) {
    if (prior["input_sha256"] !== inputSha256)
      return fail(
        sdkCodes.flywheelWeekChanged,
        `${options.week} was already run on other input; roll it back before running it again`,
      );
    const summary = JSON.parse(String(prior["summary_json"])) as Omit<
      FlywheelWeek,
      "status"
    >;
    return {
      ok: true,
      value: { ...summary, status: "unchanged" },
      diagnostics: [],
    };
  }

  const catalog = options.catalog ?? bundledCatalog();
  const decisions: (FlywheelDecision & {
    readonly redacted: string;
    readonly tags: ConversationTags | null;
    readonly verdicts: JudgeVerdicts | null;
  })[] = [];
  const quarantine = (
    line: number,
    id: string | null,
    reason: RouteReason,
    message: string,
    raw: string,
  ) =>
    decisions.push({
      line,
      conversationId: id,
      route: routeReasons[reason],
      reason,
      message,
      requestKind: null,
      redacted: JSON.stringify({ raw: options.redactor.text(raw).text }),
      tags: null,
      verdicts: null,
    });

  const seen = new Set<string>();
  const toJudge: Scored[] = [];
  const lines = options.conversations.split("\n");
  for (const [i, rawLine] of lines.entries()) {
    const text = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (text.trim() === "") continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      quarantine(
        line,
        null,
        "malformed",
        `not JSON: ${e instanceof Error ? e.message : String(e)}`,
        text,
      );
      continue;
    }
    const parsed = productionConversationSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const id =
        typeof value === "object" &&
        value !== null &&
        "conversation_id" in value &&
        typeof value.conversation_id === "string"
          ? value.conversation_id
          : null;
      quarantine(
        line,
        id,
        "malformed",
        `not a production conversation: ${issue === undefined ? "invalid" : `${issue.path.join(".") || "(line)"}: ${issue.message}`}`,
        text,
      );
      continue;
    }
    // zod leaves absent optional keys out (never `key: undefined`), which is what the
    // exact-optional interface means.
    const conversation = parsed.data as ProductionConversation;
    const id = conversation.conversation_id;
    const at = Date.parse(conversation.timestamp);
    if (!(at >= week.start && at < week.end)) {
      quarantine(
        line,
        id,
        "outside-week",
        `${conversation.timestamp} is not in ${options.week}`,
        text,
      );
      continue;
    }
    if (seen.has(id)) {
      quarantine(
        line,
        id,
        "duplicate-conversation",
        `${id} came earlier in the week`,
        text,
      );
      continue;
    }
    seen.add(id);
    const redacted = redactConversation(conversation, options.redactor);
    if (!redacted.ok) {
      quarantine(
        line,
        id,
        "unredactable",
        redacted.diagnostics.map((d) => d.message).join("; "),
        text,
      );
      continue;
    }
    const { messages, workflow } = redacted.value;
    toJudge.push({
      line,
      conversation,
      messages,
      workflow,
      tags: conversationTags(
        workflow === undefined
          ? { conversation: messages }
          : { conversation: messages, workflow },
        catalog,
      ),
      compiles: workflow !== undefined && compiles(workflow, catalog),
    });
  }

  const scores = await mapConcurrently(toJudge, options.concurrency ?? 4, (s) =>
    options.judge.score({
      exampleId: s.conversation.conversation_id,
      conversation: s.messages,
      ...(s.workflow === undefined ? {} : { finalWorkflow: s.workflow }),
    }),
  );
  const judged: {
    readonly scored: Scored;
    readonly verdicts: JudgeVerdicts;
    readonly reason: RouteReason;
    /** The serialized training row, for a conversation routed to train. */
    readonly row: string | undefined;
  }[] = [];
  const tools = options.tools ?? defaultTools();
  // One segment cache for the week's rows: they share the system prompt and tool block.
  const tokenizer = segmentCachingTokenizer();
  for (const [i, s] of toJudge.entries()) {
    const score = scores[i];
    const id = s.conversation.conversation_id;
    const redactedJson = JSON.stringify({
      messages: s.messages,
      final_workflow: s.workflow ?? null,
    });
    if (score === undefined || !score.ok) {
      decisions.push({
        line: s.line,
        conversationId: id,
        route: "quarantine",
        reason: "judge-failed",
        message:
          score?.diagnostics.map((d) => d.message).join("; ") ?? "no score",
        requestKind: s.tags.requestKind,
        redacted: redactedJson,
        tags: s.tags,
        verdicts: null,
      });
      continue;
    }
    const routed = routeScored({
      facets: score.value.facets,
      gatingFacets,
      hasWorkflow: s.workflow !== undefined,
      compiles: s.compiles,
      activated: s.conversation.activated,
      feedback: s.conversation.feedback?.rating,
    });
    const row =
      routeReasons[routed] === "train"
        ? buildDatasetRow(
            { messages: s.messages, tools },
            {
              id: rowIdOf(datasetName, options.week, id),
              source: `flywheel/${options.week}/${id}`,
              variant: s.tags.requestKind,
              tasks: taskIds(s.workflow),
            },
            { enableThinking: options.enableThinking ?? false, tokenizer },
          )
        : undefined;
    const reason: RouteReason = row?.ok === false ? "unrenderable" : routed;
    judged.push({
      scored: s,
      verdicts: score.value,
      reason,
      row: row?.ok === true ? serializeRow(row.value) : undefined,
    });
    decisions.push({
      line: s.line,
      conversationId: id,
      route: routeReasons[reason],
      reason,
      message:
        row?.ok === false
          ? row.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ")
          : verdictSummary(score.value.facets),
      requestKind: s.tags.requestKind,
      redacted: redactedJson,
      tags: s.tags,
      verdicts: score.value,
    });
  }
  decisions.sort((a, b) => a.line - b.line);

  const versions = await store.all(
    "SELECT max(version) AS v FROM flywheel_versions WHERE dataset_name = ?",
    [datasetName],
  );
  const latest = versions[0]?.["v"];
  const parentVersion =
    latest === null || latest === undefined ? null : Number(latest);
  const datasetVersion = (parentVersion ?? 0) + 1;
  const firstJudge = judged[0]?.verdicts;
  const train = judged.filter((j) => routeReasons[j.reason] === "train");
  const rows = train.flatMap((j) =>
    j.row === undefined
      ? []
      : [
          {
            rowId: rowIdOf(
              datasetName,
              options.week,
              j.scored.conversation.conversation_id,
            ),
            j,
            json: j.row,
          },
        ],
  );

  const sliceRows = judged.map((j) => ({
    id: j.scored.conversation.conversation_id,
    tags: j.scored.tags,
    metrics: {
      judge_pass: judgePasses(j.verdicts.facets, gatingFacets),
      ...(j.scored.workflow === undefined
        ? {}
        : { activated: j.scored.conversation.activated }),
    },
  }));
  const slices = sliceMetrics(sliceRows);
  const routeCounts = Object.fromEntries(
    routes.map((r) => [r, decisions.filter((d) => d.route === r).length]),
  ) as Record<Route, number>;

  const result = await store.transaction(async () => {
    for (const d of decisions)
      await store.run(
        "INSERT INTO flywheel_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
          datasetName,
          options.week,
          d.line,
          d.conversationId,
          d.route,
          d.reason,
          d.message,
          d.tags === null ? null : JSON.stringify(d.tags),
          d.verdicts === null ? null : JSON.stringify(d.verdicts),
          d.redacted,
        ],
      );
    for (const r of rows) {
      await store.run("INSERT INTO flywheel_rows VALUES (?, ?, ?, ?, ?, ?)", [
        datasetName,
        r.rowId,
        datasetVersion,
        options.week,
        r.j.scored.conversation.conversation_id,
        r.json,
      ]);
      await store.run(
        "INSERT INTO flywheel_lineage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
          datasetName,
          r.rowId,
          r.j.scored.conversation.conversation_id,
          r.j.scored.line,
          options.week,
          r.j.verdicts.judgeModel,
          r.j.verdicts.promptVersion,
          r.j.verdicts.promptSha256,
          r.j.reason,
        ],
      );
    }
    const files = await flywheelVersionFiles(
      store,
      datasetName,
      datasetVersion,
    );
    await store.run("INSERT INTO flywheel_versions VALUES (?, ?, ?, ?, ?, ?)", [
      datasetName,
      datasetVersion,
      parentVersion,
      options.week,
      files.rowCount,
      sha256Hex(files.train),
    ]);
    const summary: Omit<FlywheelWeek, "status"> = {
      week: options.week,
      datasetName,
      datasetVersion,
      parentVersion,
      inputSha256,
      judge: {
        id: options.judge.id,
        model: firstJudge?.judgeModel ?? null,
        promptVersion: firstJudge?.promptVersion ?? null,
        promptSha256: firstJudge?.promptSha256 ?? null,
      },
      gatingFacets,
      routeCounts,
      decisions: decisions.map((d) => ({
        line: d.line,
        conversationId: d.conversationId,
        route: d.route,
        reason: d.reason,
        message: d.message,
        requestKind: d.requestKind,
      })),
      rowsAdded: rows.length,
      rowCount: files.rowCount,
      slices,
      failureShares: failureShares(slices, "judge_pass"),
      gaps: gapSuggestions(slices, { metric: "judge_pass" }),
    };
    await store.run("INSERT INTO flywheel_weeks VALUES (?, ?, ?, ?, ?, ?, ?)", [
      datasetName,
      options.week,
      inputSha256,
      datasetVersion,
      parentVersion,
      options.judge.id,
      JSON.stringify(summary),
    ]);
    return summary;
  });
  return { ok: true, value: { ...result, status: "built" }, diagnostics: [] };
}

function rowIdOf(
  datasetName: string,
  week: string,
  conversationId: string,
): string {
  return sha256Hex(`${datasetName}\n${week}\n${conversationId}`).slice(0, 32);
}

function defaultTools(): readonly ToolDefinition[] {
  const resolved = resolveToolSet();
  // The default overlay is part of the SDK; its failing to resolve is a broken build.
  if (!resolved.ok) throw new Error("the default tool set does not resolve");
  return openAiTools(resolved.value);
}

/** The task ids of a workflow, sorted and distinct (none when it does not read). */
function taskIds(workflow: string | undefined): readonly string[] {
  if (workflow === undefined) return [];
  const read = readFlowWorkflow(workflow);
  return read.ok
    ? [...new Set(read.value.steps.map((s) => s.taskId))].sort()
    : [];
}

function verdictSummary(facets: readonly FacetVerdict[]): string {
  return facets.map((f) => `${f.facet}: ${f.verdict}`).join(", ");
}

/** Reads and validates against the catalog: no error diagnostics. */
function compiles(json: string, catalog: Catalog): boolean {
  const read = readFlowWorkflow(json);
  return (
    read.ok &&
    !validateWorkflow(read.value, { catalog }).some(
      (d) => d.severity === "error",
    )
  );
}

/**
 * Every text of a conversation redacted (contents, reasoning, tool-call arguments, which
 * must stay JSON when they were), and its final workflow. Fails rather than keep a text
 * that could not be redacted safely.
 */
function redactConversation(
  conversation: ProductionConversation,
  redactor: Redactor,
): Result<{
  readonly messages: readonly ChatMessage[];
  readonly workflow: string | undefined;
}> {
  const text = (t: string) => redactor.text(t).text;
  const problems: string[] = [];
  const messages = conversation.messages.map((m): ChatMessage => {
    switch (m.role) {
      case "system":
      case "user":
      case "tool":
        return { ...m, content: text(m.content) };
      case "assistant":
        return {
          ...m,
          content: text(m.content),
          ...(m.reasoning_content === undefined
            ? {}
            : { reasoning_content: text(m.reasoning_content) }),
          ...(m.tool_calls === undefined
            ? {}
            : {
                tool_calls: m.tool_calls.map((c) => {
                  const args = text(c.function.arguments);
                  if (isJson(c.function.arguments) && !isJson(args))
                    problems.push(
                      `the arguments of tool call ${c.id} are not JSON once redacted`,
                    );
                  return { ...c, function: { ...c.function, arguments: args } };
                }),
              }),
        };
    }
  });
  let workflow: string | undefined;
  if (conversation.final_workflow !== undefined) {
    const redacted = redactor.workflow(conversation.final_workflow);
    if (redacted.ok) workflow = redacted.value.json;
    else
      problems.push(
        ...redacted.diagnostics.map((d) => `final workflow: ${d.message}`),
      );
  }
  if (problems.length > 0)
    return fail(sdkCodes.redactWorkflowInvalid, problems.join("; "));
  return { ok: true, value: { messages, workflow }, diagnostics: [] };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = new Array<R | undefined>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next;
      next += 1;
      const item = items[i];
      if (i >= items.length || item === undefined) return;
      out[i] = await work(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker),
  );
  return out;
}
