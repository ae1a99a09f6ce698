import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import {
  bundledCatalog,
  codes,
  getAtPath,
  jsonToValue,
  parseJson,
  validateWorkflow,
  type Catalog,
  type Diagnostic,
  type JsonNode,
  type Result,
} from "@flowpy/transpiler";
import type {
  ChatMessage,
  ToolDefinition,
} from "../conversation/chat-message.js";
import { buildDatasetRow, serializeRow } from "../dataset/dataset-row.js";
import type { FacetVerdict, JudgeScore } from "../eval/judge/judge-score.js";
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
import type { SliceTable } from "../eval/slices/slice-metrics.js";
import type { Redactor } from "../redact/create-redactor.js";
import {
  jsonlLines,
  keptBytes,
  type JsonlLine,
} from "../records/jsonl-lines.js";
import { defaultMaxLineBytes } from "../records/read-workflow-records.js";
import { readFlowWorkflow } from "../records/workflow-record.js";
import { segmentCachingTokenizer } from "../render/qwen3-tokenizer.js";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import { openAiTools, resolveToolSet } from "../tools/resolve-tool-set.js";
import {
  flywheelVersionDigest,
  type FlywheelDecision,
} from "./flywheel-dataset.js";
import {
  resolveGating,
  type FlywheelGating,
  type FlywheelGatingInput,
} from "./flywheel-gating.js";
import {
  flywheelJudge,
  type FlywheelJudgeIdentity,
  type FlywheelJudgeSettings,
} from "./flywheel-judge.js";
import type { FlywheelStore } from "./flywheel-store.js";
import { parseIsoWeek, type IsoWeek } from "./iso-week.js";
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
import { weekSliceCounter } from "./week-slices.js";

export interface FlywheelWeekOptions {
  /** The ISO week, e.g. `2026-W47`; conversations outside it are quarantined. */
  readonly week: string;
  /** The week's production conversations, a JSONL file (see `productionConversationSchema`), read line by line. */
  readonly conversationsPath: string;
  readonly store: FlywheelStore;
  /** The faceted judge (`createJudge` behind this client) and its settings. */
  readonly judge: FlywheelJudgeSettings;
  readonly redactor: Redactor;
  /** Which facets gate routing: chosen facets and/or a calibration (a facet it flags never gates). */
  readonly gating: FlywheelGatingInput;
  /** The dataset the week's training rows are added to (`flywheel`). */
  readonly datasetName?: string;
  readonly catalog?: Catalog;
  /** Judge calls in flight at once (4). */
  readonly concurrency?: number;
  /** Lines read, judged and written per batch (64): what memory holds of the week at once. */
  readonly batchSize?: number;
  /** A line longer than this many bytes is quarantined unread (16 MiB). */
  readonly maxLineBytes?: number;
  /** The tools the production assistant offered, for the training rows (the default tool set's by default). */
  readonly tools?: readonly ToolDefinition[];
  /** Whether training rows are rendered in thinking mode (false: production turns carry no reasoning). */
  readonly enableThinking?: boolean;
}

/**
 * A week's summary. Its size does not grow with the week: the per-line decisions are in the
 * store (`flywheelWeekDecisions`), and the slices carry counts, not conversations.
 */
export interface FlywheelWeek {
  readonly week: string;
  /** `built`: this call made the version; `unchanged`: the week was already run on this input. */
  readonly status: "built" | "unchanged";
  readonly datasetName: string;
  readonly datasetVersion: number;
  readonly parentVersion: number | null;
  /** sha256 over the week, the dataset name, the judge's identity, the gating facets and the file's bytes. */
  readonly inputSha256: string;
  /** sha256 of the conversations file's bytes. */
  readonly fileSha256: string;
  readonly judge: FlywheelJudgeIdentity;
  readonly gating: FlywheelGating;
  /** Non-blank input lines: one decision each. */
  readonly lines: number;
  readonly routeCounts: Readonly<Record<Route, number>>;
  /** Every reason code with its count (0 included), in `routeReasons` order. */
  readonly reasonCounts: Readonly<Record<RouteReason, number>>;
  /** Rows the version added, and rows in it. */
  readonly rowsAdded: number;
  readonly rowCount: number;
  /** Judged conversations per slice on `judge_pass` (and `activated` for those with a workflow); no examples. */
  readonly slices: SliceTable;
  readonly failureShares: readonly FailureShare[];
  readonly gaps: readonly GapSuggestion[];
}

/** One line read, redacted and tagged, waiting for the judge. */
interface ToJudge {
  readonly kind: "judge";
  readonly line: number;
  readonly conversation: ProductionConversation;
  readonly messages: readonly ChatMessage[];
  readonly workflow: string | undefined;
  readonly tags: ConversationTags;
  readonly compiles: boolean;
}

/** A line decided without the judge. */
interface Settled {
  readonly kind: "settled";
  readonly decision: StoredDecision;
}

interface StoredDecision extends FlywheelDecision {
  readonly tags: ConversationTags | null;
  readonly verdicts: JudgeScore | null;
  readonly redacted: string;
}

/**
 * Thrown inside the week's transaction to roll it back, and caught by `runFlywheelWeek`,
 * which returns it: a user error that must undo the writes already made.
 */
interface Abort {
  readonly kind: "flywheel-abort";
  readonly diagnostic: Diagnostic;
}

function abort(code: string, message: string): Abort {
  return {
    kind: "flywheel-abort",
    diagnostic: { code, severity: "error", message },
  };
}

function isAbort(value: unknown): value is Abort {
  return (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    value.kind === "flywheel-abort"
  );
}

function fail(code: string, message: string): Result<never> {
  const d: Diagnostic = { code, severity: "error", message };
  return { ok: false, diagnostics: [d] };
}

/**
 * One week of the flywheel. Streams the week's JSONL line by line in batches (bad lines are
 * quarantined with line:column and a code, never dropped), redacts, tags, scores each
 * conversation with the faceted judge (`createJudge`), routes it (see `routeReasons`; only
 * gating facets count, and a facet calibration flags never gates), and in one store
 * transaction records every decision and adds the training rows as the dataset's next
 * version, each row with its lineage (conversation, line, week, judge model, prompt version
 * and hash). Running a week again on the same input (file bytes, judge, gating, dataset)
 * changes nothing and returns the stored summary (`unchanged`; the judge is not called); on
 * other input it fails with `flywheel-week-changed`. If the judge does not answer the first
 * conversation, or the file changes during the run, nothing is stored.
 *
 * Memory: one batch of conversations and the running counts; what grows with the week is
 * only the set of conversation ids seen (to quarantine repeats), a few dozen bytes each.
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
  const catalog = options.catalog ?? bundledCatalog();
  const judged = flywheelJudge(options.judge, catalog);
  if (!judged.ok) return judged;
  const { judge, identity } = judged.value;
  const gatingResult = resolveGating(options.gating, {
    model: identity.model,
    promptSha256: identity.promptSha256,
  });
  if (!gatingResult.ok) return gatingResult;
  const gating = gatingResult.value;
  const fileSha256 = await fileDigest(options.conversationsPath);
  if (!fileSha256.ok) return fileSha256;
  const inputSha256 = sha256Hex(
    JSON.stringify([
      options.week,
      datasetName,
      identity,
      gating.facets,
      fileSha256.value,
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
        `${options.week} was already run on other input (conversations, judge or gating); roll it back before running it again`,
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

  const versions = await store.all(
    "SELECT max(version) AS v FROM flywheel_versions WHERE dataset_name = ?",
    [datasetName],
  );
  const latest = versions[0]?.["v"];
  const parentVersion =
    latest === null || latest === undefined ? null : Number(latest);
  const datasetVersion = (parentVersion ?? 0) + 1;
  const tools = options.tools ?? defaultTools();
  // One segment cache for the week's rows: they share the system prompt and tool block.
  const tokenizer = segmentCachingTokenizer();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const batchSize = Math.max(1, options.batchSize ?? 64);
  const cap = options.maxLineBytes ?? defaultMaxLineBytes;
  const routeCounts = Object.fromEntries(routes.map((r) => [r, 0])) as Record<
    Route,
    number
  >;
  const reasonCounts = Object.fromEntries(
    Object.keys(routeReasons).map((r) => [r, 0]),
  ) as Record<RouteReason, number>;
  const slices = weekSliceCounter();
  const seen = new Set<string>();
  let lines = 0;
  let rowsAdded = 0;
  let judgedSoFar = 0;

  const writeDecision = async (d: StoredDecision): Promise<void> => {
    lines += 1;
    routeCounts[d.route] += 1;
    reasonCounts[d.reason] += 1;
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
  };

  const score = async (s: ToJudge) =>
    judge.score({
      exampleId: s.conversation.conversation_id,
      conversation: s.messages,
      ...(s.workflow === undefined ? {} : { finalWorkflow: s.workflow }),
    });

  const flush = async (
    batch: readonly (ToJudge | Settled)[],
  ): Promise<void> => {
    const pending = batch.filter((b): b is ToJudge => b.kind === "judge");
    const scores = new Map<ToJudge, Result<JudgeScore>>();
    // The week's first conversation is judged alone: when the judge does not answer it,
    // the run stops before a whole week of conversations is routed to human review.
    let rest = pending;
    const probe = pending[0];
    if (judgedSoFar === 0 && probe !== undefined) {
      const first = await score(probe);
      if (
        !first.ok &&
        first.diagnostics.some(
          (d) =>
            d.code === sdkCodes.judgeRequestFailed ||
            d.code === sdkCodes.judgeInvalidInput,
        )
      )
        throw abort(
          sdkCodes.flywheelJudgeUnavailable,
          `the judge ${identity.id} cannot score the week's first conversation (line ${probe.line}); nothing was stored: ${first.diagnostics
            .filter((d) => d.severity === "error")
            .map((d) => `${d.code}: ${d.message}`)
            .join("; ")}`,
        );
      scores.set(probe, first);
      rest = pending.slice(1);
    }
    const results = await mapConcurrently(rest, concurrency, score);
    for (const [i, s] of rest.entries()) {
      const r = results[i];
      if (r !== undefined) scores.set(s, r);
    }
    judgedSoFar += pending.length;
    for (const item of batch) {
      if (item.kind === "settled") {
        await writeDecision(item.decision);
        continue;
      }
      const result = scores.get(item);
      if (
        result !== undefined &&
        !result.ok &&
        result.diagnostics.some((d) => d.code === sdkCodes.judgeInvalidInput)
      )
        throw abort(
          sdkCodes.flywheelJudgeUnavailable,
          `the judge ${identity.id} cannot score line ${item.line}; nothing was stored: ${result.diagnostics.map((d) => d.message).join("; ")}`,
        );
      await decideJudged(item, result);
    }
  };

  const decideJudged = async (
    s: ToJudge,
    result: Result<JudgeScore> | undefined,
  ): Promise<void> => {
    const id = s.conversation.conversation_id;
    const redacted = JSON.stringify({
      messages: s.messages,
      final_workflow: s.workflow ?? null,
    });
    if (result === undefined || !result.ok) {
      await writeDecision({
        line: s.line,
        conversationId: id,
        route: routeReasons["judge-failed"],
        reason: "judge-failed",
        message:
          result?.diagnostics
            .filter((d) => d.severity === "error")
            .map((d) => `${d.code}: ${d.message}`)
            .join("; ") ?? "no score",
        requestKind: s.tags.requestKind,
        redacted,
        tags: s.tags,
        verdicts: null,
      });
      return;
    }
    const verdicts = result.value;
    const routed = routeScored({
      facets: verdicts.facets,
      gatingFacets: gating.facets,
      hasWorkflow: s.workflow !== undefined,
      compiles: s.compiles,
      activated: s.conversation.activated,
      feedback: s.conversation.feedback?.rating,
    });
    const rowId = rowIdOf(datasetName, options.week, id);
    const row =
      routeReasons[routed] === "train"
        ? buildDatasetRow(
            { messages: s.messages, tools },
            {
              id: rowId,
              source: `flywheel/${options.week}/${id}`,
              variant: s.tags.requestKind,
              tasks: taskIds(s.workflow),
            },
            { enableThinking: options.enableThinking ?? false, tokenizer },
          )
        : undefined;
    const reason: RouteReason = row?.ok === false ? "unrenderable" : routed;
    slices.add(s.tags, {
      judge_pass: judgePasses(verdicts.facets, gating.facets),
      ...(s.workflow === undefined
        ? {}
        : { activated: s.conversation.activated }),
    });
    await writeDecision({
      line: s.line,
      conversationId: id,
      route: routeReasons[reason],
      reason,
      message:
        row?.ok === false
          ? row.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ")
          : verdictSummary(verdicts.facets, gating.facets),
      requestKind: s.tags.requestKind,
      redacted,
      tags: s.tags,
      verdicts,
    });
    if (row?.ok !== true) return;
    rowsAdded += 1;
    await store.run("INSERT INTO flywheel_rows VALUES (?, ?, ?, ?, ?, ?)", [
      datasetName,
      rowId,
      datasetVersion,
      options.week,
      id,
      serializeRow(row.value),
    ]);
    await store.run(
      "INSERT INTO flywheel_lineage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [
        datasetName,
        rowId,
        id,
        s.line,
        options.week,
        verdicts.judgeModel,
        verdicts.promptVersion,
        verdicts.promptSha256,
        reason,
      ],
    );
  };

  const read = (line: JsonlLine): ToJudge | Settled | undefined =>
    readLine(line, {
      week,
      cap,
      seen,
      redactor: options.redactor,
      catalog,
    });

  let summary: Omit<FlywheelWeek, "status">;
  try {
    summary = await store.transaction(async () => {
      let batch: (ToJudge | Settled)[] = [];
      for await (const line of linesOf(options.conversationsPath, cap)) {
        const item = read(line);
        if (item === undefined) continue;
        batch.push(item);
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
      const after = await fileDigest(options.conversationsPath);
      if (!after.ok || after.value !== fileSha256.value)
        throw abort(
          sdkCodes.flywheelInputUnreadable,
          `${options.conversationsPath} changed while ${options.week} ran; nothing was stored`,
        );
      const digest = await flywheelVersionDigest(
        store,
        datasetName,
        datasetVersion,
      );
      await store.run(
        "INSERT INTO flywheel_versions VALUES (?, ?, ?, ?, ?, ?)",
        [
          datasetName,
          datasetVersion,
          parentVersion,
          options.week,
          digest.rowCount,
          digest.trainSha256,
        ],
      );
      const table = slices.table();
      const built: Omit<FlywheelWeek, "status"> = {
        week: options.week,
        datasetName,
        datasetVersion,
        parentVersion,
        inputSha256,
        fileSha256: fileSha256.value,
        judge: identity,
        gating,
        lines,
        routeCounts,
        reasonCounts,
        rowsAdded,
        rowCount: digest.rowCount,
        slices: table,
        failureShares: failureShares(table, "judge_pass"),
        gaps: gapSuggestions(table, { metric: "judge_pass" }),
      };
      await store.run(
        "INSERT INTO flywheel_weeks VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
          datasetName,
          options.week,
          inputSha256,
          datasetVersion,
          parentVersion,
          identity.id,
          JSON.stringify(built),
        ],
      );
      return built;
    });
  } catch (e) {
    if (isAbort(e)) return { ok: false, diagnostics: [e.diagnostic] };
    throw e;
  }
  return { ok: true, value: { ...summary, status: "built" }, diagnostics: [] };
}

/** The file's lines; a read failure mid-way aborts the week (nothing is stored). */
async function* linesOf(path: string, cap: number): AsyncGenerator<JsonlLine> {
  try {
    yield* jsonlLines(path, cap);
  } catch (e) {
    throw abort(
      sdkCodes.flywheelInputUnreadable,
      `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** sha256 of a file's bytes, read in chunks. */
async function fileDigest(path: string): Promise<Result<string>> {
  try {
    const handle = await open(path, "r");
    try {
      const hash = createHash("sha256");
      const buffer = Buffer.allocUnsafe(1024 * 1024);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
      return { ok: true, value: hash.digest("hex"), diagnostics: [] };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return fail(
      sdkCodes.flywheelInputUnreadable,
      `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

interface ReadContext {
  readonly week: IsoWeek;
  readonly cap: number;
  readonly seen: Set<string>;
  readonly redactor: Redactor;
  readonly catalog: Catalog;
}

/** A line's column 1-based `column`, as `line:column`. */
function at(line: JsonlLine, column: number): string {
  return `${line.number}:${column}`;
}

/**
 * One input line: blank (undefined), settled without the judge (quarantined, with
 * `line:column: code:` in the message), or ready for the judge.
 */
function readLine(
  line: JsonlLine,
  context: ReadContext,
): ToJudge | Settled | undefined {
  const quarantine = (
    id: string | null,
    reason: RouteReason,
    message: string,
  ): Settled => ({
    kind: "settled",
    decision: {
      line: line.number,
      conversationId: id,
      route: routeReasons[reason],
      reason,
      message,
      requestKind: null,
      redacted: JSON.stringify({ raw: context.redactor.text(line.text).text }),
      tags: null,
      verdicts: null,
    },
  });
  if (line.problem?.kind === "too-large")
    return quarantine(
      null,
      "malformed",
      `${at(line, 1)}: ${sdkCodes.recordTooLarge}: the line is ${line.problem.bytes} bytes, over the cap of ${context.cap}; its first ${keptBytes} bytes are kept`,
    );
  if (line.problem?.kind === "encoding")
    return quarantine(
      null,
      "malformed",
      `${at(line, line.text.indexOf("\uFFFD") + 1)}: ${sdkCodes.recordEncoding}: the line is not valid UTF-8 (kept with U+FFFD for the bad bytes)`,
    );
  if (line.text.trim() === "") return undefined;
  const parsed = parseJson(line.text, { maxLength: Infinity });
  if (!parsed.ok) {
    const d = parsed.diagnostics[0];
    return quarantine(
      null,
      "malformed",
      `${at(line, d?.span?.start.column ?? 1)}: ${
        d?.code === codes.jsonDuplicateKey
          ? sdkCodes.recordDuplicateKey
          : sdkCodes.recordJsonSyntax
      }: ${d?.message ?? "not JSON"}`,
    );
  }
  const node = parsed.value;
  const value = jsonToValue(node);
  const checked = productionConversationSchema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const id =
      typeof value === "object" &&
      value !== null &&
      "conversation_id" in value &&
      typeof value.conversation_id === "string"
        ? value.conversation_id
        : null;
    const path = (issue?.path ?? []).filter(
      (p): p is string | number => typeof p !== "symbol",
    );
    return quarantine(
      id,
      "malformed",
      `${at(line, columnOf(node, path))}: ${schemaCode(node, path)}: not a production conversation: ${path.join(".") || "(line)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  // zod leaves absent optional keys out (never `key: undefined`), which is what the
  // exact-optional interface means.
  const conversation = checked.data as ProductionConversation;
  const id = conversation.conversation_id;
  const time = Date.parse(conversation.timestamp);
  if (!(time >= context.week.start && time < context.week.end))
    return quarantine(
      id,
      "outside-week",
      `${at(line, columnOf(node, ["timestamp"]))}: ${conversation.timestamp} is not in ${context.week.week}`,
    );
  if (context.seen.has(id))
    return quarantine(
      id,
      "duplicate-conversation",
      `${at(line, columnOf(node, ["conversation_id"]))}: ${id} came earlier in the week`,
    );
  context.seen.add(id);
  const redacted = redactConversation(conversation, context.redactor);
  if (!redacted.ok)
    return quarantine(
      id,
      "unredactable",
      `${at(line, 1)}: ${redacted.diagnostics.map((d) => `${d.code}: ${d.message}`).join("; ")}`,
    );
  const { messages, workflow } = redacted.value;
  return {
    kind: "judge",
    line: line.number,
    conversation,
    messages,
    workflow,
    tags: conversationTags(
      workflow === undefined
        ? { conversation: messages }
        : { conversation: messages, workflow },
      context.catalog,
    ),
    compiles: workflow !== undefined && compiles(workflow, context.catalog),
  };
}

/** The 1-based column of the deepest node on `path` that exists (the line's start for none). */
function columnOf(node: JsonNode, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const found = getAtPath(node, path.slice(0, n));
    if (found?.span !== undefined) return found.span.start.column;
  }
  return 1;
}

function schemaCode(
  node: JsonNode,
  path: readonly (string | number)[],
): string {
  if (node.kind !== "object") return sdkCodes.recordNotObject;
  if (path[0] === "timestamp") return sdkCodes.recordInvalidTimestamp;
  return getAtPath(node, path) === undefined
    ? sdkCodes.recordMissingField
    : sdkCodes.recordInvalidField;
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

/** The verdicts, each facet that does not gate marked so, as the decision's message. */
function verdictSummary(
  facets: readonly FacetVerdict[],
  gating: readonly string[],
): string {
  return facets
    .map(
      (f) =>
        `${f.facet}: ${f.verdict}${gating.includes(f.facet) ? "" : " (does not gate)"}`,
    )
    .join(", ");
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
