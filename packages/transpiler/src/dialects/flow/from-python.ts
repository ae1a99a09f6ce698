import type {
  Expr,
  FunctionDef,
  Keyword,
  Module,
  Stmt,
} from "../../python/ast/nodes.js";
import type { JsonNode } from "../../json/json-node.js";
import { jsonString } from "../../json/json-node.js";
import { parseJson } from "../../json/parse-json.js";
import { codes } from "../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type Result,
} from "../../diagnostics/diagnostic.js";
import type { Span } from "../../source/span.js";
import type { Condition } from "./condition/condition-ast.js";
import { printConditionDsl } from "./condition/print-dsl.js";
import { encodeConditionTree } from "./condition/tree.js";
import { pythonToCondition } from "./condition-python.js";
import { pythonToConfigValue } from "./config-value.js";
import {
  DEFAULT_TASK_VERSION,
  type TaskLookup,
  type TaskType,
} from "./known-tasks.js";
import {
  stepKeyOf,
  TASK_TYPES,
  type ConfigEntry,
  type FlowStep,
  type FlowWorkflow,
  type PatchedField,
  type StepKey,
} from "./model.js";
import { keywordToFieldId } from "./names.js";
import { alignStepIds, type KnownStepId } from "./align-ids.js";
import { conditionKey } from "./condition-value.js";
import { createVariableNamer, type VariableNamer } from "./output-variables.js";
import { exprToPath } from "./python-paths.js";
import {
  CONDITION_FIELD,
  CONDITION_TASK_ID,
  FOREACH_FIELD,
  FOREACH_TASK_ID,
  STEP_META_KEYS,
  vocab,
  type StepMetaKey,
} from "./python-vocabulary.js";

export interface FromPythonOptions {
  readonly tasks: TaskLookup;
  /** The original steps in Python order (from trivia): their ids and spellings are reused. */
  readonly original?: readonly KnownStepId[];
  /** value_type for condition trees, when a condition must be written as a tree. */
  readonly conditionTypeOf?: (lhsPath: string) => string | undefined;
}

/** Where each part of a workflow read from Python was written. */
export interface WorkflowSourceMap {
  /** The `@workflow(...)` decorator, for the workflow's own fields. */
  readonly header?: Span;
  /** Per step, in `steps` order. */
  readonly steps: readonly StepSourceSpans[];
}

export interface StepSourceSpans {
  /** The call, the `if` test or the `for` header that made the step. */
  readonly statement?: Span;
  /** The task reference (`shopify.admin.add_order_tags`). */
  readonly task?: Span;
  /** The version, where `step(version=...)` gives one. */
  readonly version?: Span;
  /** Each config field's value expression (for a condition: the `if` test; a loop: its list). */
  readonly config: ReadonlyMap<string, Span>;
  /** The keyword argument (or dict key) naming each config field. */
  readonly keys: ReadonlyMap<string, Span>;
}

/**
 * Reads the Flow Python form back into a workflow: the inverse of `workflowToPython`
 * (see its comment for how statements map to links). Everything the model may get wrong
 * is reported as a located diagnostic; nothing is executed.
 */
export function pythonToWorkflow(
  module: Module,
  options: FromPythonOptions,
): Result<FlowWorkflow> {
  const read = readModule(module, options, false);
  return read.ok ? ok(read.value.workflow, read.diagnostics) : read;
}

/** `pythonToWorkflow` plus where each step, task and config value was written. */
export function pythonToWorkflowWithSourceMap(
  module: Module,
  options: FromPythonOptions,
): Result<{ workflow: FlowWorkflow; sourceMap: WorkflowSourceMap }> {
  return readModule(module, options, true);
}

/**
 * Both entry points. Without `withSourceMap` no spans are collected: two maps and a record
 * per step that `pythonToWorkflow` would throw away (a tenth of the read's allocation).
 */
function readModule(
  module: Module,
  options: FromPythonOptions,
  withSourceMap: boolean,
): Result<{ workflow: FlowWorkflow; sourceMap: WorkflowSourceMap }> {
  const ctx: Ctx = {
    tasks: options.tasks,
    namer: createVariableNamer(options.tasks),
    problems: [],
    drafts: [],
    slots: [],
    entries: new Map(),
    functions: new Map(),
    typeOf: options.conditionTypeOf ?? (() => undefined),
    spans: withSourceMap ? [] : undefined,
    header: undefined,
    conditions: new Map(),
  };
  const defs: FunctionDef[] = [];
  module.body.forEach((stmt, i) => {
    if (stmt.kind === "FunctionDef") defs.push(stmt);
    else if (!(i === 0 && isDocstring(stmt)))
      ctx.problems.push(
        unexpected(
          stmt,
          "at the top level only decorated functions are allowed",
        ),
      );
  });
  for (const def of defs) {
    if (ctx.functions.has(def.name))
      ctx.problems.push(
        err(
          codes.flowPyUnexpectedStatement,
          `function ${def.name} is defined twice`,
          def.span,
        ),
      );
    ctx.functions.set(def.name, def);
  }
  let header: WorkflowHeader | undefined;
  for (const def of defs) {
    const h = readFunction(def, ctx);
    if (h !== undefined) {
      if (header !== undefined)
        ctx.problems.push(
          err(
            codes.flowPyNoWorkflow,
            "more than one function is decorated with @workflow",
            def.span,
          ),
        );
      header = header ?? h;
    }
  }
  // A @workflow(...) whose arguments were refused is reported there, not as missing.
  if (header === undefined && ctx.header === undefined) {
    ctx.problems.push(
      error(
        codes.flowPyNoWorkflow,
        "no function is decorated with @workflow(...)",
        {
          span: module.span ?? zeroSpan,
          hint: 'Start the program with @workflow("Name") and @trigger(...) above `def run(...)`.',
        },
      ),
    );
  }
  const links = resolveLinks(ctx);
  if (ctx.problems.length > 0 || header === undefined)
    return fail(ctx.problems);

  const matches =
    options.original === undefined
      ? []
      : alignStepIds(
          options.original,
          ctx.drafts.map((d) => d.taskId),
        );
  const originals = matches.map((j) =>
    j === undefined ? undefined : options.original?.[j],
  );
  const steps = assignIds(ctx.drafts, originals, ctx.conditions);
  const keyOf = new Map(
    ctx.drafts.map((d, i) => [d.index, steps[i]?.key ?? ""]),
  );
  const workflow: FlowWorkflow = {
    name: header.name,
    note: header.note,
    variables: header.variables,
    patchedFields: header.patchedFields,
    steps,
    links: links.map((l) => ({
      from: keyOf.get(l.from) ?? "",
      fromPort: l.port,
      to: keyOf.get(l.to) ?? "",
      toPort: "input",
      path: [],
    })),
  };
  const stepSpans = ctx.spans ?? [];
  return ok({
    workflow,
    sourceMap:
      ctx.header === undefined
        ? { steps: stepSpans }
        : { header: ctx.header, steps: stepSpans },
  });
}

const zeroSpan: Span = {
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};

/** A step before ids are assigned (ids come from trivia alignment at the end). */
type Draft = Omit<FlowStep, "key" | "id" | "path"> & { readonly index: number };

/** Where the next step of a block attaches: a port, the entry of a function, or nothing. */
type Attach =
  | { readonly kind: "port"; readonly step: number; readonly port: string }
  | { readonly kind: "entry"; readonly fn: string };

/** A link whose target is a step, or every entry step of a function (resolved at the end). */
interface Slot {
  readonly from: Attach;
  readonly to:
    { readonly step: number } | { readonly fn: string; readonly span?: Span };
}

interface Ctx {
  readonly tasks: TaskLookup;
  readonly namer: VariableNamer;
  readonly problems: Diagnostic[];
  readonly drafts: Draft[];
  readonly slots: Slot[];
  readonly entries: Map<string, number[]>;
  readonly functions: Map<string, FunctionDef>;
  readonly typeOf: (lhsPath: string) => string | undefined;
  /** Source spans per draft (same index), for the source map; undefined when none is wanted. */
  readonly spans: StepSourceSpans[] | undefined;
  header: Span | undefined;
  /** The condition of each condition config entry, to match original spellings by meaning. */
  readonly conditions: Map<ConfigEntry, Condition>;
}

interface WorkflowHeader {
  readonly name: string;
  readonly note: string | null;
  readonly variables: readonly JsonNode[];
  readonly patchedFields: readonly PatchedField[];
}

type Meta = Partial<Record<StepMetaKey, Expr>> & { readonly span?: Span };

function readFunction(def: FunctionDef, ctx: Ctx): WorkflowHeader | undefined {
  let header: WorkflowHeader | undefined;
  let trigger: Extract<Expr, { kind: "Call" }> | undefined;
  let triggerMeta: Meta | undefined;
  let detached = false;
  const patched: PatchedField[] = [];
  const pendingHeader: Extract<Expr, { kind: "Call" }>[] = [];
  for (const d of def.decorator_list) {
    const name =
      d.kind === "Call" && d.func.kind === "Name"
        ? d.func.id
        : d.kind === "Name"
          ? d.id
          : undefined;
    if (d.kind === "Call" && name === vocab.workflow) pendingHeader.push(d);
    else if (d.kind === "Call" && name === vocab.patchedField) {
      const p = readPatchedField(d, ctx);
      if (p !== undefined) patched.push(p);
    } else if (d.kind === "Call" && name === vocab.trigger) {
      if (trigger !== undefined)
        ctx.problems.push(
          err(
            codes.flowPyUnknownDecorator,
            "a function has one @trigger; write another function for a second trigger",
            d.span,
          ),
        );
      trigger = d;
    } else if (d.kind === "Call" && name === vocab.step)
      triggerMeta = readMeta(d, ctx);
    else if (name === vocab.detached && d.kind === "Name") detached = true;
    else {
      ctx.problems.push(
        error(
          codes.flowPyUnknownDecorator,
          `unknown decorator${name === undefined ? "" : ` @${name}`}`,
          {
            span: d.span ?? def.span ?? zeroSpan,
            hint: "Decorators are @workflow(...), @patched_field(...), @trigger(...), @step(...) and @detached.",
          },
        ),
      );
    }
  }
  for (const w of pendingHeader) {
    header = readWorkflow(w, patched, ctx);
    ctx.header ??= w.span;
  }
  if (header === undefined && patched.length > 0) {
    ctx.problems.push(
      err(
        codes.flowPyUnknownDecorator,
        "@patched_field belongs on the function decorated with @workflow",
        def.span,
      ),
    );
  }
  if (triggerMeta !== undefined && trigger === undefined) {
    ctx.problems.push(
      err(
        codes.flowPyUnknownDecorator,
        "@step(...) as a decorator describes the trigger; put step(...) statements inside the body for other steps",
        triggerMeta.span,
      ),
    );
  }
  if (trigger !== undefined) {
    const index = createStep(trigger, "TRIGGER", triggerMeta, ctx, undefined);
    if (index !== undefined)
      readBlock(def.body, { kind: "port", step: index, port: "output" }, ctx);
  } else if (detached || header !== undefined) {
    readBlock(def.body, { kind: "entry", fn: `@${def.name}` }, ctx);
  } else {
    readBlock(def.body, { kind: "entry", fn: def.name }, ctx);
  }
  return header;
}

function readWorkflow(
  call: Extract<Expr, { kind: "Call" }>,
  patchedFields: readonly PatchedField[],
  ctx: Ctx,
): WorkflowHeader | undefined {
  const [nameArg] = call.args;
  if (
    call.args.length !== 1 ||
    nameArg?.kind !== "Constant" ||
    typeof nameArg.value !== "string"
  ) {
    ctx.problems.push(
      err(
        codes.flowPyInvalidValue,
        '@workflow takes the workflow name as its one positional argument: @workflow("Tag VIP orders")',
        call.span,
      ),
    );
    return undefined;
  }
  let note: string | null = null;
  let variables: readonly JsonNode[] = [];
  for (const kw of call.keywords) {
    if (
      kw.arg === "note" &&
      kw.value.kind === "Constant" &&
      (typeof kw.value.value === "string" || kw.value.value === null)
    ) {
      note = kw.value.value;
    } else if (kw.arg === "variables" && kw.value.kind === "List") {
      variables = kw.value.elts
        .map((e) => exprToJson(e, ctx))
        .filter((n): n is JsonNode => n !== undefined);
    } else {
      ctx.problems.push(
        err(
          codes.flowPyInvalidValue,
          `@workflow has no argument ${kw.arg}; it takes the name, note="..." and variables=[...]`,
          kw.value.span,
        ),
      );
    }
  }
  return { name: nameArg.value, note, variables, patchedFields };
}

function readPatchedField(
  call: Extract<Expr, { kind: "Call" }>,
  ctx: Ctx,
): PatchedField | undefined {
  const entries: [string, JsonNode][] = [];
  namedArguments(
    call.args,
    call.keywords,
    (k) => k,
    "@patched_field takes keyword arguments (field=, patched_type=, handle=, arguments=, merchant_configured=)",
    ctx,
    (key, value) => {
      if (entries.some(([k]) => k === key))
        ctx.problems.push(
          err(
            codes.flowPyDuplicateArgument,
            `${key} is given twice`,
            value.span,
          ),
        );
      const node = exprToJson(value, ctx);
      if (node !== undefined) entries.push([key, node]);
    },
  );
  return { entries };
}

function exprToJson(e: Expr, ctx: Ctx): JsonNode | undefined {
  if (e.kind === "Constant" && typeof e.value === "string")
    return jsonString(e.value);
  const encoded = pythonToConfigValue(e);
  if (!encoded.ok) {
    ctx.problems.push(encoded.diagnostic);
    return undefined;
  }
  const parsed = parseJson(encoded.value);
  if (!parsed.ok) {
    ctx.problems.push(
      err(codes.flowPyInvalidValue, "this value has no JSON form", e.span),
    );
    return undefined;
  }
  return parsed.value;
}

// ------------------------------------------------------------------ blocks

function readBlock(body: readonly Stmt[], attach: Attach, ctx: Ctx): void {
  let current = attach;
  let meta: Meta | undefined;
  for (const stmt of body) {
    if (stmt.kind === "Expr" && isCallTo(stmt.value, vocab.step)) {
      if (meta !== undefined)
        ctx.problems.push(
          err(
            codes.flowPyUnexpectedStatement,
            "two step(...) statements in a row; merge them into one",
            stmt.span,
          ),
        );
      meta = readMeta(stmt.value, ctx);
      continue;
    }
    const usedMeta = meta;
    meta = undefined;
    switch (stmt.kind) {
      case "Pass":
        if (usedMeta !== undefined) ctx.problems.push(danglingMeta(usedMeta));
        break;
      case "If": {
        const index = createCondition(stmt, usedMeta, current, ctx);
        if (index !== undefined) {
          readBlock(
            stmt.body,
            { kind: "port", step: index, port: "true" },
            ctx,
          );
          readBlock(
            stmt.orelse,
            { kind: "port", step: index, port: "false" },
            ctx,
          );
        }
        break;
      }
      case "For": {
        const index = createForeach(stmt, usedMeta, current, ctx);
        if (index !== undefined) {
          readBlock(
            stmt.body,
            { kind: "port", step: index, port: "loop_body" },
            ctx,
          );
          current = { kind: "port", step: index, port: "after" };
        }
        break;
      }
      case "With": {
        const [item] = stmt.items;
        if (usedMeta !== undefined) ctx.problems.push(danglingMeta(usedMeta));
        if (
          stmt.items.length !== 1 ||
          item === undefined ||
          item.optional_vars !== undefined ||
          !isCallTo(item.context_expr, vocab.branch) ||
          item.context_expr.args.length + item.context_expr.keywords.length > 0
        ) {
          ctx.problems.push(
            unexpected(
              stmt,
              "the only `with` is `with branch():`, for a parallel branch from the same step",
            ),
          );
          break;
        }
        readBlock(stmt.body, current, ctx);
        break;
      }
      case "Assign":
      case "Expr": {
        const value = stmt.value;
        const target = stmt.kind === "Assign" ? stmt.targets[0].id : undefined;
        const called =
          value.kind === "Call" && value.func.kind === "Name"
            ? ctx.functions.get(value.func.id)
            : undefined;
        if (
          value.kind === "Call" &&
          value.func.kind === "Name" &&
          called !== undefined &&
          target === undefined
        ) {
          if (usedMeta !== undefined) ctx.problems.push(danglingMeta(usedMeta));
          const refused = notLinkable(called, value.span);
          if (refused !== undefined) {
            ctx.problems.push(refused);
            break;
          }
          if (value.args.length + value.keywords.length > 0)
            ctx.problems.push(
              err(
                codes.flowPyInvalidValue,
                `${value.func.id}() takes no arguments`,
                value.span,
              ),
            );
          ctx.slots.push({
            from: current,
            to: value.span
              ? { fn: value.func.id, span: value.span }
              : { fn: value.func.id },
          });
          break;
        }
        if (value.kind !== "Call") {
          ctx.problems.push(
            unexpected(
              stmt,
              "statements are steps: task calls such as shopify.admin.add_order_tags(...), if, for, with branch()",
            ),
          );
          break;
        }
        const index = createStep(value, undefined, usedMeta, ctx, target);
        if (index !== undefined) {
          link(current, index, ctx);
          current = { kind: "port", step: index, port: "output" };
        }
        break;
      }
      case "FunctionDef":
        ctx.problems.push(
          unexpected(stmt, "functions are defined at the top level"),
        );
        break;
    }
  }
  if (meta !== undefined) ctx.problems.push(danglingMeta(meta));
}

function link(from: Attach, to: number, ctx: Ctx): void {
  if (from.kind === "entry") {
    const list = ctx.entries.get(from.fn);
    if (list === undefined) ctx.entries.set(from.fn, [to]);
    else list.push(to);
  }
  ctx.slots.push({ from, to: { step: to } });
}

function createCondition(
  stmt: Extract<Stmt, { kind: "If" }>,
  meta: Meta | undefined,
  current: Attach,
  ctx: Ctx,
): number | undefined {
  const condition = pythonToCondition(stmt.test);
  if (!condition.ok) {
    ctx.problems.push(...condition.diagnostics);
    return undefined;
  }
  const value = encodeCondition(condition.value, ctx);
  const spans = configSpans(ctx);
  if (spans !== undefined && stmt.test.span)
    spans.values.set(CONDITION_FIELD, stmt.test.span);
  const extra = metaConfig(meta, ctx, spans, CONDITION_FIELD);
  const entry: ConfigEntry = { fieldId: CONDITION_FIELD, value };
  ctx.conditions.set(entry, condition.value);
  const index = addDraft(
    {
      taskId: metaString(meta, "task", ctx) ?? CONDITION_TASK_ID,
      taskType: "CONDITION",
      config: [entry, ...extra],
    },
    meta,
    ctx,
    { statement: stmt.test.span, config: spans },
  );
  link(current, index, ctx);
  return index;
}

/** The textual DSL when it can say it (SPEC §b.1); a JSON tree for strings holding `'`. */
function encodeCondition(c: Condition, ctx: Ctx): string {
  const dsl = printConditionDsl(c);
  if (dsl.ok) return dsl.value;
  let n = 0;
  const tree = encodeConditionTree(c, {
    typeOf: ctx.typeOf,
    newId: () => `c${++n}`,
  });
  return JSON.stringify(tree);
}

function createForeach(
  stmt: Extract<Stmt, { kind: "For" }>,
  meta: Meta | undefined,
  current: Attach,
  ctx: Ctx,
): number | undefined {
  const listPath = exprToPath(stmt.iter);
  if (listPath === undefined) {
    ctx.problems.push(
      err(
        codes.flowPyInvalidValue,
        "a loop iterates over an environment path such as `order.lineItems` or a step output such as `getOrderData`",
        stmt.iter.span,
      ),
    );
    return undefined;
  }
  const spans = configSpans(ctx);
  if (spans !== undefined && stmt.iter.span)
    spans.values.set(FOREACH_FIELD, stmt.iter.span);
  const header =
    stmt.span && stmt.iter.span
      ? { start: stmt.span.start, end: stmt.iter.span.end }
      : stmt.span;
  const index = addDraft(
    {
      taskId: metaString(meta, "task", ctx) ?? FOREACH_TASK_ID,
      taskType: "FOREACH",
      config: [
        { fieldId: FOREACH_FIELD, value: listPath },
        ...metaConfig(meta, ctx, spans, FOREACH_FIELD),
      ],
    },
    meta,
    ctx,
    { statement: header, config: spans },
  );
  link(current, index, ctx);
  return index;
}

function createStep(
  call: Extract<Expr, { kind: "Call" }>,
  triggerType: "TRIGGER" | undefined,
  meta: Meta | undefined,
  ctx: Ctx,
  target: string | undefined,
): number | undefined {
  const [head, ...rest] = call.args;
  if (
    triggerType === undefined &&
    call.func.kind === "Name" &&
    !FORM_NAMES.has(call.func.id)
  ) {
    ctx.problems.push(unknownFunction(call.func.id, call.func.span, ctx));
    return undefined;
  }
  const taskId =
    triggerType === undefined
      ? taskIdOf(call.func)
      : head === undefined
        ? undefined
        : taskIdOf(head);
  if (taskId === undefined) {
    ctx.problems.push(
      error(
        codes.flowPyInvalidTask,
        'expected a task such as shopify.admin.add_order_tags or task("vendor::id")',
        {
          span:
            (triggerType === undefined ? call.func.span : head?.span) ??
            call.span ??
            zeroSpan,
          hint: "Task references are the task id with `::` written as `.`.",
        },
      ),
    );
    return undefined;
  }
  const spans = configSpans(ctx);
  const config = readConfigArgs(
    triggerType === undefined ? call.args : rest,
    call.keywords,
    ctx,
    spans,
  );
  const known = ctx.tasks(taskId);
  let taskType: TaskType =
    triggerType ?? (known?.type === "WAIT" ? "WAIT" : "ACTION");
  const typeText = metaString(meta, "type", ctx);
  if (typeText !== undefined) {
    const t = TASK_TYPES.find((x) => x === typeText);
    if (
      t === undefined ||
      (triggerType === undefined && t !== "ACTION" && t !== "WAIT")
    ) {
      ctx.problems.push(
        err(
          codes.flowPyInvalidValue,
          `type=${JSON.stringify(typeText)} is not valid for a task call (ACTION or WAIT)`,
          meta?.type?.span,
        ),
      );
    } else taskType = t;
  }
  let name = metaString(meta, "name", ctx) ?? null;
  if (triggerType === undefined) {
    if (
      target !== undefined &&
      name === null &&
      ctx.namer.peek(null, taskId) !== target
    )
      name = target;
    ctx.namer.take(name, taskId);
  }
  return addDraft(
    { taskId, taskType, config },
    meta,
    ctx,
    {
      statement: call.span,
      task: triggerType === undefined ? call.func.span : head?.span,
      config: spans,
    },
    name,
  );
}

function addDraft(
  base: { taskId: string; taskType: TaskType; config: readonly ConfigEntry[] },
  meta: Meta | undefined,
  ctx: Ctx,
  spans: {
    readonly statement: Span | undefined;
    readonly task?: Span | undefined;
    readonly config: ConfigSpans | undefined;
  },
  /** The step name when the call's target gave it, else `step(name=...)` is read. */
  name: string | null = null,
): number {
  const index = ctx.drafts.length;
  if (ctx.spans !== undefined && spans.config !== undefined) {
    const version = meta?.version?.span;
    // Built key by key: a literal starting with a spread and adding keys after it would get a
    // new V8 hidden class on every call (slow, and garbage that outlives minor collections).
    const where: { statement?: Span; task?: Span; version?: Span } = {};
    if (spans.statement !== undefined) where.statement = spans.statement;
    if (spans.task !== undefined) where.task = spans.task;
    if (version !== undefined) where.version = version;
    ctx.spans.push(
      Object.assign(where, {
        config: spans.config.values,
        keys: spans.config.keys,
      }),
    );
  }
  ctx.drafts.push({
    index,
    ...base,
    taskVersion:
      metaString(meta, "version", ctx) ??
      ctx.tasks(base.taskId)?.version ??
      DEFAULT_TASK_VERSION,
    description: metaString(meta, "description", ctx) ?? null,
    note: metaString(meta, "note", ctx) ?? null,
    name: name ?? metaString(meta, "name", ctx) ?? null,
  });
  return index;
}

/** Where each config field was written: its value and the keyword naming it. */
interface ConfigSpans {
  readonly values: Map<string, Span>;
  readonly keys: Map<string, Span>;
}

/** Fresh maps when the call collects a source map, else undefined. */
function configSpans(ctx: Ctx): ConfigSpans | undefined {
  return ctx.spans === undefined
    ? undefined
    : { values: new Map(), keys: new Map() };
}

function readConfigArgs(
  args: readonly Expr[],
  keywords: readonly Keyword[],
  ctx: Ctx,
  spans?: ConfigSpans,
): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  // The callback is written inline (anonymous): under esbuild's keepNames (tsx) a named
  // closure costs a `defineProperty` each time it is created.
  namedArguments(
    args,
    keywords,
    keywordToFieldId,
    "config values are keyword arguments (tags=[...]); a positional dict only for field ids that are not Python names",
    ctx,
    (fieldId, value, span) => {
      if (spans !== undefined && !spans.values.has(fieldId)) {
        if (value.span !== undefined) spans.values.set(fieldId, value.span);
        if (span !== undefined) spans.keys.set(fieldId, span);
      }
      if (hasField(out, fieldId)) {
        ctx.problems.push(
          err(
            codes.flowPyDuplicateArgument,
            `config field ${fieldId} is given twice`,
            span,
          ),
        );
        return;
      }
      const encoded = pythonToConfigValue(value);
      if (encoded.ok) out.push({ fieldId, value: encoded.value });
      else ctx.problems.push(encoded.diagnostic);
    },
  );
  return out;
}

/** Whether `entries` has `fieldId` (a loop: `some` would make a closure per argument). */
function hasField(entries: readonly ConfigEntry[], fieldId: string): boolean {
  for (const e of entries) if (e.fieldId === fieldId) return true;
  return false;
}

/**
 * Every `name=value` a call passes: its keyword arguments (named through `keyName`) and the
 * entries of positional dicts, which carry names that are not Python identifiers.
 */
function namedArguments(
  args: readonly Expr[],
  keywords: readonly Keyword[],
  keyName: (keyword: string) => string,
  notADict: string,
  ctx: Ctx,
  add: (key: string, value: Expr, span: Span | undefined) => void,
): void {
  for (const a of args) {
    if (a.kind !== "Dict") {
      ctx.problems.push(err(codes.flowPyInvalidValue, notADict, a.span));
      continue;
    }
    a.keys.forEach((k, i) => {
      const v = a.values[i];
      if (
        k.kind === "Constant" &&
        typeof k.value === "string" &&
        v !== undefined
      )
        add(k.value, v, k.span);
      else
        ctx.problems.push(
          err(
            codes.flowPyInvalidValue,
            "keys of this dict are strings",
            k.span,
          ),
        );
    });
  }
  for (const kw of keywords)
    add(keyName(kw.arg), kw.value, kw.span ?? kw.value.span);
}

function taskIdOf(e: Expr): string | undefined {
  if (
    e.kind === "Call" &&
    e.func.kind === "Name" &&
    e.func.id === vocab.task &&
    e.args.length === 1 &&
    e.keywords.length === 0
  ) {
    const [a] = e.args;
    return a?.kind === "Constant" && typeof a.value === "string"
      ? a.value
      : undefined;
  }
  if (e.kind !== "Attribute") return undefined;
  const parts: string[] = [];
  let x: Expr = e;
  while (x.kind === "Attribute") {
    parts.push(x.attr);
    x = x.value;
  }
  if (x.kind !== "Name") return undefined;
  parts.push(x.id);
  return parts.reverse().join("::");
}

function readMeta(call: Extract<Expr, { kind: "Call" }>, ctx: Ctx): Meta {
  const meta: { -readonly [K in keyof Meta]: Meta[K] } = call.span
    ? { span: call.span }
    : {};
  if (call.args.length > 0)
    ctx.problems.push(
      err(
        codes.flowPyInvalidValue,
        "step(...) takes keyword arguments only",
        call.span,
      ),
    );
  for (const kw of call.keywords) {
    const key = STEP_META_KEYS.find((k) => k === kw.arg);
    if (key === undefined) {
      ctx.problems.push(
        error(codes.flowPyInvalidValue, `step() has no argument ${kw.arg}`, {
          span: kw.span ?? kw.value.span ?? call.span ?? zeroSpan,
          hint: `step() takes ${STEP_META_KEYS.join(", ")}`,
        }),
      );
    } else meta[key] = kw.value;
  }
  return meta;
}

function metaString(
  meta: Meta | undefined,
  key: Exclude<StepMetaKey, "config">,
  ctx: Ctx,
): string | undefined {
  const v = meta?.[key];
  if (v === undefined) return undefined;
  if (v.kind === "Constant" && typeof v.value === "string") return v.value;
  if (
    v.kind === "Constant" &&
    v.value === null &&
    (key === "description" || key === "note" || key === "name")
  )
    return undefined;
  ctx.problems.push(
    err(codes.flowPyInvalidValue, `step(${key}=...) takes a string`, v.span),
  );
  return undefined;
}

/**
 * The extra config fields `step(config={...})` gives an `if` or a `for`. `statementField`
 * is the one the statement itself sets (the `if` test is the condition, the `for` list the
 * listpath): given again in the dict, the step would carry that field twice.
 */
function metaConfig(
  meta: Meta | undefined,
  ctx: Ctx,
  spans: ConfigSpans | undefined,
  statementField: string,
): ConfigEntry[] {
  const v = meta?.config;
  if (v === undefined) return [];
  if (v.kind !== "Dict") {
    ctx.problems.push(
      err(
        codes.flowPyInvalidValue,
        "step(config=...) takes a dict of config field ids to values",
        v.span,
      ),
    );
    return [];
  }
  const entries = readConfigArgs([v], [], ctx, spans);
  const twice = v.keys.find(
    (k) => k.kind === "Constant" && k.value === statementField,
  );
  if (twice === undefined) return entries;
  ctx.problems.push(
    error(
      codes.flowPyDuplicateArgument,
      `config field ${statementField} is given twice: by the statement and by step(config=...)`,
      {
        span: twice.span ?? v.span ?? zeroSpan,
        hint: `The ${statementField === CONDITION_FIELD ? "`if` test is the condition" : "`for` list is the listpath"}; remove ${JSON.stringify(statementField)} from step(config=...).`,
      },
    ),
  );
  return entries.filter((e) => e.fieldId !== statementField);
}

/** The entry steps of a function, following calls to other functions (memoised per call). */
function entriesOf(
  ctx: Ctx,
  entryCache: Map<string, number[]>,
  fn: string,
  seen: ReadonlySet<string>,
  span: Span | undefined,
): number[] {
  const cached = entryCache.get(fn);
  if (cached !== undefined) return cached;
  if (seen.has(fn)) {
    ctx.problems.push(
      err(
        codes.flowCycle,
        `${fn}() calls itself through other functions; workflows cannot loop`,
        span,
      ),
    );
    return [];
  }
  const next = new Set(seen).add(fn);
  const out: number[] = [...(ctx.entries.get(fn) ?? [])];
  for (const slot of ctx.slots) {
    if (slot.from.kind === "entry" && slot.from.fn === fn && "fn" in slot.to)
      out.push(...entriesOf(ctx, entryCache, slot.to.fn, next, slot.to.span));
  }
  entryCache.set(fn, out);
  return out;
}

/** Turns slots into links, expanding calls to merge functions into their entry steps. */
function resolveLinks(ctx: Ctx): { from: number; port: string; to: number }[] {
  const entryCache = new Map<string, number[]>();
  const links: { from: number; port: string; to: number }[] = [];
  for (const slot of ctx.slots) {
    if (slot.from.kind !== "port") continue;
    const targets =
      "step" in slot.to
        ? [slot.to.step]
        : entriesOf(ctx, entryCache, slot.to.fn, new Set(), slot.to.span);
    for (const to of targets)
      links.push({ from: slot.from.step, port: slot.from.port, to });
  }
  return links;
}

function assignIds(
  drafts: readonly Draft[],
  originals: readonly (KnownStepId | undefined)[],
  conditions: ReadonlyMap<ConfigEntry, Condition>,
): FlowStep[] {
  const taken = new Set<StepKey>();
  for (const o of originals) {
    const k = o === undefined ? undefined : stepKeyOf(o.id);
    if (k !== undefined) taken.add(k);
  }
  let next = 1;
  const steps: FlowStep[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    if (d === undefined) continue;
    const original = originals[i];
    let id = original?.id;
    let key = id === undefined ? undefined : stepKeyOf(id);
    if (id === undefined || key === undefined) {
      while (taken.has(`n:${next}`)) next++;
      id = { kind: "number", raw: String(next) };
      key = `n:${next}`;
      taken.add(key);
      next++;
    }
    const spellings = original?.spellings;
    steps.push({
      key,
      id,
      taskId: d.taskId,
      taskVersion: d.taskVersion,
      taskType: d.taskType,
      // Where the meaning is unchanged, the original spelling comes back (JSON layout inside
      // strings, the condition encoding): trivia, applied here so reconciling is a plain compare.
      config:
        spellings === undefined
          ? d.config
          : d.config.map((c) => {
              const s = Object.hasOwn(spellings, c.fieldId)
                ? spellings[c.fieldId]
                : undefined;
              return s !== undefined && s.key === meaningKey(c, conditions)
                ? { fieldId: c.fieldId, value: s.raw }
                : c;
            }),
      description: d.description,
      note: d.note,
      name: d.name,
      path: [],
    });
  }
  return steps;
}

/** What a spelling's key is compared with; a condition's key is computed only when needed. */
function meaningKey(
  c: ConfigEntry,
  conditions: ReadonlyMap<ConfigEntry, Condition>,
): string {
  const condition = conditions.get(c);
  return condition === undefined ? c.value : conditionKey(condition);
}

function isCallTo(e: Expr, name: string): e is Extract<Expr, { kind: "Call" }> {
  return e.kind === "Call" && e.func.kind === "Name" && e.func.id === name;
}

function isDocstring(stmt: Stmt): boolean {
  return (
    stmt.kind === "Expr" &&
    stmt.value.kind === "Constant" &&
    typeof stmt.value.value === "string"
  );
}

function danglingMeta(meta: Meta): Diagnostic {
  return err(
    codes.flowPyUnexpectedStatement,
    "step(...) describes the step written right after it, but none follows",
    meta.span,
  );
}

/** The Flow form's own callables (`task`, `step`, …): misused, they get the task-reference message. */
const FORM_NAMES: ReadonlySet<string> = new Set([
  vocab.workflow,
  vocab.trigger,
  vocab.patchedField,
  vocab.detached,
  vocab.step,
  vocab.branch,
  vocab.json,
  vocab.task,
  "path",
  "getattr",
]);

/** Builtins that run code: reported as outside the subset, like `import` or `while`. */
const EXECUTING_BUILTINS: ReadonlySet<string> = new Set([
  "eval",
  "exec",
  "compile",
  "__import__",
]);

/**
 * A step call whose callee is a bare name: a function of the module whose result is
 * assigned, a builtin that runs code, or a name nothing defines (`print(...)`, `notify_team()`).
 */
function unknownFunction(
  name: string,
  span: Span | undefined,
  ctx: Ctx,
): Diagnostic {
  if (ctx.functions.has(name))
    return error(
      codes.flowPyUnexpectedStatement,
      `${name}() is a function of this module: it continues the workflow and has no output to assign`,
      {
        span: span ?? zeroSpan,
        hint: `Call it as a statement of its own: ${name}()`,
      },
    );
  if (EXECUTING_BUILTINS.has(name))
    return error(
      codes.pyUnsupported,
      `unsupported Python construct: ${name}()`,
      {
        span: span ?? zeroSpan,
        hint: "A workflow is never executed: write its steps as task calls, not as code to run.",
      },
    );
  const merges = [...ctx.functions.keys()].filter(
    (f) => f !== name && !hasDecorators(ctx.functions.get(f)),
  );
  return error(
    codes.flowPyUnknownFunction,
    `${name}() is not a task and no function of this module defines it`,
    {
      span: span ?? zeroSpan,
      hint:
        merges.length > 0
          ? `Steps are task calls such as shopify.admin.add_order_tags(...) or task("vendor::id")(...); the module's merge functions: ${merges.map((f) => `${f}()`).join(", ")}.`
          : 'Steps are task calls such as shopify.admin.add_order_tags(...) or task("vendor::id")(...); a shared tail is a top-level def merge_1(): called from each branch.',
    },
  );
}

function hasDecorators(def: FunctionDef | undefined): boolean {
  return def !== undefined && def.decorator_list.length > 0;
}

/**
 * Calling a function links to its first steps; that is only meaningful for a plain merge
 * function. Into a trigger nothing may link (SPEC §a.6), and a `@detached` function is by
 * definition one nothing links into; such a call would otherwise silently link nowhere.
 */
function notLinkable(
  def: FunctionDef,
  span: Span | undefined,
): Diagnostic | undefined {
  const names = new Set(
    def.decorator_list.map((d) =>
      d.kind === "Call" && d.func.kind === "Name"
        ? d.func.id
        : d.kind === "Name"
          ? d.id
          : "",
    ),
  );
  if (names.has(vocab.trigger))
    return error(
      codes.flowBadTargetPort,
      `${def.name}() is the trigger's function: calling it would link into the trigger`,
      {
        span: span ?? zeroSpan,
        hint: "Nothing links into a trigger and workflows cannot loop; to share steps between branches, call a plain top-level function (def merge_1(): ...).",
      },
    );
  if (names.has(vocab.detached) || names.has(vocab.workflow))
    return error(
      codes.flowPyUnexpectedStatement,
      `${def.name}() is ${names.has(vocab.detached) ? "@detached" : "decorated with @workflow"}: nothing links into it`,
      {
        span: span ?? zeroSpan,
        hint: "Only plain top-level functions without decorators can be called, as merge functions.",
      },
    );
  return undefined;
}

const STATEMENT_NAMES = {
  FunctionDef: "a function definition",
  If: "an `if` statement",
  For: "a `for` loop",
  With: "a `with` statement",
  Assign: "an assignment",
  Expr: "a bare expression",
  Pass: "`pass`",
} as const satisfies Record<Stmt["kind"], string>;

function unexpected(stmt: Stmt, hint: string): Diagnostic {
  return error(
    codes.flowPyUnexpectedStatement,
    `${STATEMENT_NAMES[stmt.kind]} has no meaning in a workflow here`,
    {
      span: stmt.span ?? zeroSpan,
      hint,
    },
  );
}

function err(
  code: string,
  message: string,
  span: Span | undefined,
): Diagnostic {
  return error(code, message, { span: span ?? zeroSpan });
}
