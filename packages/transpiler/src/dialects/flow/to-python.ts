import type {
  Expr,
  FunctionDef,
  Keyword,
  Module,
  Stmt,
} from "../../python/ast/nodes.js";
import { py } from "../../python/ast/builders.js";
import { isPlainIdentifier } from "../../python/ast/identifiers.js";
import { codes } from "../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type JsonPath,
  type Result,
} from "../../diagnostics/diagnostic.js";
import type { Condition } from "./condition/condition-ast.js";
import type { FlowGraph } from "./check-graph.js";
import { conditionToPython } from "./condition-python.js";
import {
  configValueToPython,
  nodeToExpr,
  pythonToConfigValue,
} from "./config-value.js";
import { printConditionDsl } from "./condition/print-dsl.js";
import { DEFAULT_TASK_VERSION, type TaskLookup } from "./known-tasks.js";
import type {
  ConfigEntry,
  FlowStep,
  FlowWorkflow,
  PatchedField,
  StepKey,
} from "./model.js";
import { fieldIdToKeyword, foreachItemName, taskIdSegments } from "./names.js";
import { createVariableNamer, type VariableNamer } from "./output-variables.js";
import { exprToPath, pathToExpr } from "./python-paths.js";
import { hasWord } from "./has-word.js";
import { conditionKey, decodeConditionText } from "./condition-value.js";
import {
  CONDITION_FIELD,
  CONDITION_TASK_ID,
  FOREACH_FIELD,
  FOREACH_TASK_ID,
  vocab,
} from "./python-vocabulary.js";

/** Deeper nesting of conditions and loops than this is refused rather than printed. */
export const MAX_BLOCK_DEPTH = 40;

export interface FlowToPython {
  readonly module: Module;
  /** Step keys in the order the Python form mentions them (= the order `fromPython` creates them). */
  readonly order: readonly StepKey[];
  /** `value_type` of each comparison lhs path found in JSON condition trees. */
  readonly conditionTypes: ReadonlyMap<string, string>;
  /** Per step, the config values whose text is not what `fromPython` would write (see `KnownStepId`). */
  readonly spellings: ReadonlyMap<
    StepKey,
    Record<string, { key: string; raw: string }>
  >;
}

/**
 * Prints the workflow graph as structured Python (mapping: grammars/flow-python-mapping.md).
 * A block of statements hangs off one output port: each statement is a step linked from
 * the block's current port; a call or loop moves the current port to its own continuation
 * (`output` / `after`), while an `if`, a `with branch():` and a `merge_n()` call leave it
 * where it was, so the next statement is another target of the same port (fan-out).
 * Steps with several incoming links print once, as a function called from every parent.
 */
export function workflowToPython(
  workflow: FlowWorkflow,
  graph: FlowGraph,
  tasks: TaskLookup,
): Result<FlowToPython> {
  const ctx: Context = {
    graph,
    tasks,
    namer: createVariableNamer(tasks),
    used: { roots: new Set(), texts: [], words: new Set() },
    order: [],
    problems: [],
    merges: new Map(),
    mergeQueue: [],
    conditionTypes: new Map(),
    conditions: new Map(),
    values: new Map(),
  };
  usedIdentifiers(workflow, ctx);
  const triggers = workflow.steps.filter(
    (s) => s.taskType === "TRIGGER" && graph.steps.get(s.key) === s,
  );
  const reachable = reachableFrom(
    triggers.map((t) => t.key),
    graph,
  );
  const detachedRoots = workflow.steps.filter(
    (s) =>
      graph.steps.get(s.key) === s &&
      !reachable.has(s.key) &&
      graph.indegree(s.key) === 0,
  );

  const functions: FunctionDef[] = [];
  triggers.forEach((t, i) => functions.push(triggerFunction(t, i, ctx)));
  detachedRoots.forEach((root, i) => {
    const body = chain(root.key, 0, ctx);
    functions.push(
      py.def(`${vocab.detachedFunction}_${i + 1}`, [], body, [
        py.name(vocab.detached),
      ]),
    );
  });
  for (let i = 0; i < ctx.mergeQueue.length; i++) {
    const key = ctx.mergeQueue[i];
    if (key === undefined) continue;
    functions.push(py.def(ctx.merges.get(key) ?? "", [], chain(key, 0, ctx)));
  }
  if (ctx.order.length !== graph.steps.size) {
    // Only steps on an unreachable cycle are left out, and cycles are rejected earlier.
    ctx.problems.push(
      error(codes.flowCycle, "some steps are only reachable through a cycle", {
        path: ["root", "steps"],
      }),
    );
  }
  if (ctx.problems.length > 0) return fail(ctx.problems);

  const header: Expr[] = [
    workflowDecorator(workflow),
    ...workflow.patchedFields.map(patchedFieldDecorator),
  ];
  const first = functions[0];
  if (first === undefined) {
    functions.push(py.def(vocab.entryFunction, [], [py.pass()], header));
  } else {
    // Every function here comes from py.def, so this is `first` with the header in front.
    functions[0] = py.def(first.name, first.args, first.body, [
      ...header,
      ...first.decorator_list,
    ]);
  }
  return ok({
    module: py.module(functions),
    order: ctx.order,
    conditionTypes: ctx.conditionTypes,
    spellings: spellings(workflow, ctx),
  });
}

interface Context {
  readonly graph: FlowGraph;
  readonly tasks: TaskLookup;
  readonly namer: VariableNamer;
  readonly used: Usage;
  readonly order: StepKey[];
  readonly problems: Diagnostic[];
  readonly merges: Map<StepKey, string>;
  readonly mergeQueue: StepKey[];
  readonly conditionTypes: Map<string, string>;
  /** Decoded conditions by config text, so each is parsed once per document. */
  readonly conditions: Map<string, Condition | undefined>;
  /** Decoded config values, computed once (usage scan) and reused when printing. */
  readonly values: Map<ConfigEntry, Expr>;
}

function triggerFunction(
  step: FlowStep,
  index: number,
  ctx: Context,
): FunctionDef {
  ctx.order.push(step.key);
  const roots = ctx.tasks(step.taskId)?.roots ?? [];
  const args = [taskReference(step.taskId)];
  const keywords = configArguments(step.config, ctx, args);
  const decorators: Expr[] = [py.call(py.name(vocab.trigger), args, keywords)];
  const meta = metadata(step, ctx, {});
  if (meta !== undefined) decorators.push(meta);
  const body = targets(step.key, "output", 0, ctx);
  const name =
    index === 0 ? vocab.entryFunction : `${vocab.entryFunction}_${index + 1}`;
  return py.def(
    name,
    roots.filter(isPlainIdentifier),
    body.length > 0 ? body : [py.pass()],
    decorators,
  );
}

/** Statements for every target of one output port (see the module comment). */
function targets(
  from: StepKey,
  port: string,
  depth: number,
  ctx: Context,
): Stmt[] {
  const keys = ctx.graph.targets(from, port);
  const out: Stmt[] = [];
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    if (ctx.graph.indegree(key) > 1) {
      out.push(py.expr(py.call(py.name(mergeName(key, ctx)))));
      return;
    }
    const terminal = ctx.graph.steps.get(key)?.taskType === "CONDITION";
    const stmts = chain(key, last || terminal ? depth : depth + 1, ctx);
    if (last || terminal) out.push(...stmts);
    else
      out.push(
        py.with([{ context_expr: py.call(py.name(vocab.branch)) }], stmts),
      );
  });
  return out;
}

/**
 * One step and everything that continues from it. Linear continuations are emitted in a
 * loop rather than by recursion so long chains do not grow the stack.
 */
function chain(start: StepKey, depth: number, ctx: Context): Stmt[] {
  const out: Stmt[] = [];
  if (depth > MAX_BLOCK_DEPTH) {
    const step = ctx.graph.steps.get(start);
    ctx.problems.push(
      error(
        codes.flowTooDeep,
        `branches, conditions and loops are nested more than ${MAX_BLOCK_DEPTH} levels deep`,
        {
          path: step?.path ?? [],
          hint: "Flatten the workflow; deeper nesting is refused to keep the Python form readable and parseable.",
        },
      ),
    );
    return out;
  }
  let key: StepKey | undefined = start;
  while (key !== undefined) {
    const step = ctx.graph.steps.get(key);
    if (step === undefined) break;
    out.push(...stepStatements(step, depth, ctx));
    const cont =
      step.taskType === "FOREACH"
        ? "after"
        : step.taskType === "CONDITION"
          ? undefined
          : "output";
    key = undefined;
    if (cont === undefined) break;
    const next = ctx.graph.targets(step.key, cont);
    const only = next[0];
    if (
      next.length === 1 &&
      only !== undefined &&
      ctx.graph.indegree(only) === 1
    ) {
      key = only;
    } else {
      out.push(...targets(step.key, cont, depth, ctx));
    }
  }
  return out;
}

function stepStatements(step: FlowStep, depth: number, ctx: Context): Stmt[] {
  ctx.order.push(step.key);
  switch (step.taskType) {
    case "CONDITION":
      return conditionStatements(step, depth, ctx);
    case "FOREACH":
      return foreachStatements(step, depth, ctx);
    case "ACTION":
    case "WAIT":
      return callStatements(step, ctx);
    case "TRIGGER":
      // Triggers have no input port, so a link can never lead here (checked earlier).
      return [];
  }
}

function callStatements(step: FlowStep, ctx: Context): Stmt[] {
  const args: Expr[] = [];
  const keywords = configArguments(step.config, ctx, args);
  const call = py.call(taskReference(step.taskId), args, keywords);
  // What an unnamed step would be called, before `take` counts this step's name.
  const unnamed =
    step.name === null ? undefined : ctx.namer.peek(null, step.taskId);
  const variable = ctx.namer.take(step.name, step.taskId);
  const assign =
    variable !== undefined &&
    isUsed(ctx.used, variable) &&
    isPlainIdentifier(variable);
  const stmt = assign ? py.assign(py.name(variable), call) : py.expr(call);
  const inferred = ctx.tasks(step.taskId)?.type === "WAIT" ? "WAIT" : "ACTION";
  // `x = call()` alone tells the reader the step is named `x` unless `x` is what an unnamed
  // step would be called anyway.
  const nameCarried =
    assign &&
    step.name !== null &&
    variable === step.name &&
    variable !== unnamed;
  const meta = metadata(step, ctx, {
    type: step.taskType !== inferred,
    omitName: nameCarried,
  });
  return meta === undefined ? [stmt] : [py.expr(meta), stmt];
}

function conditionStatements(
  step: FlowStep,
  depth: number,
  ctx: Context,
): Stmt[] {
  const field = step.config.find((c) => c.fieldId === CONDITION_FIELD);
  const condition =
    field === undefined ? undefined : decodeCondition(field.value, step, ctx);
  if (field === undefined) {
    ctx.problems.push(
      error(
        codes.flowMissingField,
        'a CONDITION step has no "condition" config field',
        {
          path: [...step.path, "config_field_values"],
        },
      ),
    );
  }
  const extra = step.config.filter((c) => c !== field);
  const meta = metadata(step, ctx, {
    task: step.taskId !== CONDITION_TASK_ID,
    config: extra,
  });
  const test =
    condition === undefined ? py.bool(false) : conditionToPython(condition);
  const body = targets(step.key, "true", depth + 1, ctx);
  const orelse = targets(step.key, "false", depth + 1, ctx);
  const stmt = py.if(test, body.length > 0 ? body : [py.pass()], orelse);
  return meta === undefined ? [stmt] : [py.expr(meta), stmt];
}

/** Decodes a CONDITION step's condition once (reporting problems), for printing and for the usage scan. */
function decodeCondition(
  text: string,
  step: FlowStep,
  ctx: Context,
): Condition | undefined {
  if (ctx.conditions.has(text)) return ctx.conditions.get(text);
  const condition = decodeConditionOnce(text, step, ctx);
  ctx.conditions.set(text, condition);
  return condition;
}

/** Where a condition step's condition value is (a module-level function, no closure per call). */
function conditionValuePath(step: FlowStep): JsonPath {
  const index = step.config.findIndex((c) => c.fieldId === CONDITION_FIELD);
  return [...step.path, "config_field_values", index, "value"];
}

function decodeConditionOnce(
  text: string,
  step: FlowStep,
  ctx: Context,
): Condition | undefined {
  const result = decodeConditionText(text);
  if (result.ok)
    for (const [k, v] of result.value.types) ctx.conditionTypes.set(k, v);
  if (!result.ok) {
    for (const d of result.diagnostics) {
      const where =
        d.path !== undefined && d.path.length > 0
          ? ` at ${d.path.join(".")}`
          : d.span !== undefined
            ? ` at ${d.span.start.line}:${d.span.start.column} of the condition`
            : "";
      ctx.problems.push({
        ...d,
        message: `${d.message}${where}`,
        path: conditionValuePath(step),
      });
    }
    return undefined;
  }
  const condition = result.value.condition;
  const binders = badBinders(condition);
  if (binders.length > 0) {
    ctx.problems.push(
      error(
        codes.flowInexpressible,
        `quantifier variable ${JSON.stringify(binders[0])} is not a valid Python name`,
        {
          path: conditionValuePath(step),
          hint: "Rename the binder (conventionally `<list>_item`).",
        },
      ),
    );
    return undefined;
  }
  return condition;
}

function badBinders(c: Condition): string[] {
  switch (c.kind) {
    case "Logical":
      return c.operands.flatMap(badBinders);
    case "Quantified":
      return [
        ...(isPlainIdentifier(c.binder) ? [] : [c.binder]),
        ...badBinders(c.body),
      ];
    default:
      return [];
  }
}

function foreachStatements(
  step: FlowStep,
  depth: number,
  ctx: Context,
): Stmt[] {
  const field = step.config.find((c) => c.fieldId === FOREACH_FIELD);
  if (field === undefined) {
    ctx.problems.push(
      error(
        codes.flowMissingField,
        'a FOREACH step has no "listpath" config field',
        { path: [...step.path, "config_field_values"] },
      ),
    );
  }
  const listPath = field?.value ?? "";
  const extra = step.config.filter((c) => c !== field);
  const meta = metadata(step, ctx, {
    task: step.taskId !== FOREACH_TASK_ID,
    config: extra,
  });
  const item = foreachItemName(listPath);
  const iter = field === undefined ? py.list([]) : pathToExpr(listPath);
  const body = targets(step.key, "loop_body", depth + 1, ctx);
  const stmt = py.for(
    py.name(isPlainIdentifier(item) ? item : "item"),
    iter,
    body.length > 0 ? body : [py.pass()],
  );
  return meta === undefined ? [stmt] : [py.expr(meta), stmt];
}

interface MetaNeeds {
  readonly type?: boolean;
  readonly task?: boolean;
  readonly omitName?: boolean;
  readonly config?: readonly ConfigEntry[];
}

/** `step(name=…, description=…, …)` for what the statement itself cannot say; undefined if nothing. */
function metadata(
  step: FlowStep,
  ctx: Context,
  needs: MetaNeeds,
): Expr | undefined {
  const kw: Keyword[] = [];
  if (step.name !== null && needs.omitName !== true)
    kw.push(py.keyword("name", py.str(step.name)));
  if (step.description !== null)
    kw.push(py.keyword("description", py.str(step.description)));
  if (step.note !== null) kw.push(py.keyword("note", py.str(step.note)));
  const defaultVersion =
    ctx.tasks(step.taskId)?.version ?? DEFAULT_TASK_VERSION;
  if (step.taskVersion !== defaultVersion)
    kw.push(py.keyword("version", py.str(step.taskVersion)));
  if (needs.type === true) kw.push(py.keyword("type", py.str(step.taskType)));
  if (needs.task === true) kw.push(py.keyword("task", py.str(step.taskId)));
  if (needs.config !== undefined && needs.config.length > 0) {
    kw.push(
      py.keyword(
        "config",
        py.dict(
          needs.config.map((c) => py.str(c.fieldId)),
          needs.config.map((c) => valueOf(c, ctx)),
        ),
      ),
    );
  }
  return kw.length === 0 ? undefined : py.call(py.name(vocab.step), [], kw);
}

function mergeName(key: StepKey, ctx: Context): string {
  let name = ctx.merges.get(key);
  if (name === undefined) {
    name = `${vocab.mergeFunction}_${ctx.merges.size + 1}`;
    ctx.merges.set(key, name);
    ctx.mergeQueue.push(key);
  }
  return name;
}

export function taskReference(taskId: string): Expr {
  const segments = taskIdSegments(taskId);
  if (segments === undefined)
    return py.call(py.name(vocab.task), [py.str(taskId)]);
  // `py.dotted(segments.join("."))` without the join and split: segments hold no dots.
  let e: Expr = py.name(segments[0] ?? "");
  for (let i = 1; i < segments.length; i++)
    e = py.attr(e, segments[i] as string);
  return e;
}

function valueOf(c: ConfigEntry, ctx: Context): Expr {
  return ctx.values.get(c) ?? configValueToPython(c.value);
}

/**
 * A step's config as call arguments: keyword arguments for field ids that are Python
 * names, and one positional dict for the rest (appended to `args`).
 */
function configArguments(
  config: readonly ConfigEntry[],
  ctx: Context,
  args: Expr[],
): Keyword[] {
  const keywords: Keyword[] = [];
  let oddKeys: Expr[] | undefined;
  let oddValues: Expr[] | undefined;
  for (const c of config) {
    const kw = fieldIdToKeyword(c.fieldId);
    if (kw !== undefined) keywords.push(py.keyword(kw, valueOf(c, ctx)));
    else {
      (oddKeys ??= []).push(py.str(c.fieldId));
      (oddValues ??= []).push(valueOf(c, ctx));
    }
  }
  if (oddKeys !== undefined && oddValues !== undefined)
    args.push(py.dict(oddKeys, oddValues));
  return keywords;
}

function workflowDecorator(workflow: FlowWorkflow): Expr {
  const kw: Keyword[] = [];
  if (workflow.note !== null)
    kw.push(py.keyword("note", py.str(workflow.note)));
  if (workflow.variables.length > 0)
    kw.push(
      py.keyword("variables", py.list(workflow.variables.map(nodeToExpr))),
    );
  return py.call(py.name(vocab.workflow), [py.str(workflow.name)], kw);
}

function patchedFieldDecorator(field: PatchedField): Expr {
  const kw: Keyword[] = [];
  const odd: [string, Expr][] = [];
  for (const [key, node] of field.entries) {
    let value = nodeToExpr(node);
    // The export form stores `arguments` as a JSON string; the meaning is the object.
    if (
      key === "arguments" &&
      value.kind === "Call" &&
      value.func.kind === "Name" &&
      value.func.id === vocab.json
    ) {
      value = value.args[0] ?? value;
    }
    if (isPlainIdentifier(key)) kw.push(py.keyword(key, value));
    else odd.push([key, value]);
  }
  const args =
    odd.length > 0
      ? [
          py.dict(
            odd.map(([k]) => py.str(k)),
            odd.map(([, v]) => v),
          ),
        ]
      : [];
  return py.call(py.name(vocab.patchedField), args, kw);
}

/**
 * Which config values are spelled differently from the canonical text the reverse direction
 * writes (a wrapper with spaces, a pretty-printed blob, a condition tree): their original
 * text is trivia, reused as long as the meaning is unchanged.
 */
function spellings(
  workflow: FlowWorkflow,
  ctx: Context,
): Map<StepKey, Record<string, { key: string; raw: string }>> {
  const out = new Map<StepKey, Record<string, { key: string; raw: string }>>();
  for (const step of workflow.steps) {
    let record: Record<string, { key: string; raw: string }> | undefined;
    for (const c of step.config) {
      let key: string | undefined;
      let canonical: string | undefined;
      const condition =
        step.taskType === "CONDITION" && c.fieldId === CONDITION_FIELD
          ? ctx.conditions.get(c.value)
          : undefined;
      if (condition !== undefined) {
        // Canonical DSL text always starts with `(`; a value that does not (a JSON tree)
        // cannot equal it, so it is not printed just to compare.
        const dsl =
          c.value.charCodeAt(0) === 0x28
            ? printConditionDsl(condition)
            : undefined;
        canonical = dsl?.ok === true ? dsl.value : undefined;
        if (canonical === c.value) continue;
        key = conditionKey(condition);
      } else {
        const encoded = pythonToConfigValue(valueOf(c, ctx));
        canonical = key = encoded.ok ? encoded.value : undefined;
      }
      if (key === undefined || canonical === c.value) continue;
      record ??= Object.create(null) as Record<
        string,
        { key: string; raw: string }
      >;
      record[c.fieldId] = { key, raw: c.value };
    }
    if (record !== undefined) out.set(step.key, record);
  }
  return out;
}

function reachableFrom(
  starts: readonly StepKey[],
  graph: FlowGraph,
): Set<StepKey> {
  const seen = new Set<StepKey>(starts);
  const stack = [...starts];
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    const step = graph.steps.get(key);
    if (step === undefined) continue;
    for (const port of ["output", "true", "false", "loop_body", "after"]) {
      for (const t of graph.targets(key, port)) {
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
  }
  return seen;
}

/**
 * What a workflow refers to: path roots in conditions, and the decoded strings of other
 * config values (Liquid, list paths, JSON bodies), in which every identifier-like word
 * counts. Decoded, so the answer does not depend on how a value happens to be encoded (DSL
 * vs tree, escapes). A step output is "used" when its variable is among them (`isUsed`).
 */
interface Usage {
  readonly roots: Set<string>;
  /** The texts to search a name in, or every word of them in `words` when they are long. */
  readonly texts: string[];
  readonly words: Set<string>;
}

/**
 * Searching each variable name in the texts costs steps × text length; past this many
 * characters, collecting every word once (linear) is cheaper.
 */
const MAX_SEARCH = 1_000_000;

function usedIdentifiers(workflow: FlowWorkflow, ctx: Context): void {
  const { roots, texts } = ctx.used;
  for (const step of workflow.steps) {
    for (const c of step.config) {
      const condition =
        step.taskType === "CONDITION" && c.fieldId === CONDITION_FIELD
          ? decodeCondition(c.value, step, ctx)
          : undefined;
      if (condition !== undefined) conditionRoots(condition, roots);
      else {
        const value = configValueToPython(c.value);
        ctx.values.set(c, value);
        collectStrings(value, texts);
      }
    }
  }
  const length = texts.reduce((n, t) => n + t.length, 0);
  if (length * workflow.steps.length > MAX_SEARCH) {
    for (const text of texts.splice(0))
      for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g))
        ctx.used.words.add(m[0]);
  }
}

/** Whether `name` is a condition root or a word of a collected text. */
function isUsed(usage: Usage, name: string): boolean {
  return (
    usage.roots.has(name) ||
    usage.words.has(name) ||
    usage.texts.some((t) => hasWord(t, name))
  );
}

// Helpers here are module-level functions, not closures made per call: under esbuild's
// keepNames (tsx) every named closure costs a `defineProperty` when it is created.
function conditionRoots(c: Condition, out: Set<string>): void {
  switch (c.kind) {
    case "Logical":
      c.operands.forEach((o) => conditionRoots(o, out));
      return;
    case "Comparison":
      for (const o of [c.lhs, c.rhs])
        if (o.kind === "Path") addRoot(o.path, out);
      return;
    case "Unary":
      addRoot(c.operand.path, out);
      return;
    case "Quantified":
      addRoot(c.path, out);
      conditionRoots(c.body, out);
      return;
  }
}

function addRoot(path: string, out: Set<string>): void {
  const dot = path.indexOf(".");
  out.add(dot === -1 ? path : path.slice(0, dot));
}

function collectStrings(e: Expr, out: string[]): void {
  switch (e.kind) {
    case "Constant":
      if (typeof e.value === "string") out.push(e.value);
      return;
    case "Name":
    case "Attribute":
      out.push(exprToPath(e) ?? "");
      return;
    case "List":
    case "Tuple":
      e.elts.forEach((x) => collectStrings(x, out));
      return;
    case "Dict":
      e.keys.forEach((x) => collectStrings(x, out));
      e.values.forEach((x) => collectStrings(x, out));
      return;
    case "Call":
      e.args.forEach((x) => collectStrings(x, out));
      e.keywords.forEach((k) => collectStrings(k.value, out));
      return;
    default:
      return;
  }
}
