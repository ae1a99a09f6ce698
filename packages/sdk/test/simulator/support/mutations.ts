import {
  checkGraph,
  canonicalWorkflow,
  decodeConditionValue,
  encodeConditionTree,
  flowToPython,
  pythonToFlow,
  printConditionDsl,
  type Condition,
  type FlowLink,
  type FlowStep,
  type FlowWorkflow,
  type StepKey,
} from "@flowpy/transpiler";
import { readWorkflow } from "../../../src/index.js";

export type MutationKind =
  | "flip-operator"
  | "change-literal"
  | "drop-action"
  | "swap-branches"
  | "change-tag"
  | "move-out-of-loop";

export interface Mutant {
  readonly kind: MutationKind;
  readonly step: StepKey;
  readonly description: string;
  readonly workflow: FlowWorkflow;
}

/** Every single mutation of every kind, in step order. */
export function mutants(workflow: FlowWorkflow): Mutant[] {
  const out: Mutant[] = [];
  for (const step of workflow.steps) {
    if (step.taskType === "CONDITION") {
      const text = step.config.find((c) => c.fieldId === "condition")?.value;
      const condition =
        text === undefined ? undefined : decodeConditionValue(text);
      if (condition !== undefined) {
        const atoms = countAtoms(condition);
        for (let i = 0; i < atoms; i++) {
          const flipped = mapAtom(condition, i, flipAtom);
          if (flipped !== undefined)
            out.push(
              conditionMutant(
                workflow,
                step,
                "flip-operator",
                `atom ${i}`,
                flipped,
              ),
            );
          const changed = mapAtom(condition, i, changeLiteral);
          if (changed !== undefined)
            out.push(
              conditionMutant(
                workflow,
                step,
                "change-literal",
                `atom ${i}`,
                changed,
              ),
            );
        }
      }
      out.push({
        kind: "swap-branches",
        step: step.key,
        description: "true and false swapped",
        workflow: {
          ...workflow,
          links: workflow.links.map((l) =>
            l.from === step.key &&
            (l.fromPort === "true" || l.fromPort === "false")
              ? { ...l, fromPort: l.fromPort === "true" ? "false" : "true" }
              : l,
          ),
        },
      });
    }
    if (step.taskType === "ACTION") {
      out.push({
        kind: "drop-action",
        step: step.key,
        description: step.taskId,
        workflow: dropStep(workflow, step.key),
      });
      const tags = step.config.find((c) => c.fieldId === "tags");
      const parsed = tags === undefined ? undefined : tryJson(tags.value);
      if (Array.isArray(parsed) && typeof parsed[0] === "string") {
        const value = JSON.stringify([`${parsed[0]}-mut`, ...parsed.slice(1)]);
        out.push({
          kind: "change-tag",
          step: step.key,
          description: `${parsed[0]} → ${parsed[0]}-mut`,
          workflow: replaceStep(workflow, {
            ...step,
            config: step.config.map((c) => (c === tags ? { ...c, value } : c)),
          }),
        });
      }
    }
    if (step.taskType === "FOREACH") {
      const body = workflow.links.find(
        (l) => l.from === step.key && l.fromPort === "loop_body",
      );
      if (body !== undefined)
        out.push({
          kind: "move-out-of-loop",
          step: body.to,
          description: `${body.to} moved to after`,
          workflow: {
            ...workflow,
            links: workflow.links.map((l) =>
              l === body ? { ...l, fromPort: "after" } : l,
            ),
          },
        });
    }
  }
  return out;
}

function conditionMutant(
  workflow: FlowWorkflow,
  step: FlowStep,
  kind: MutationKind,
  description: string,
  condition: Condition,
): Mutant {
  const printed = printConditionDsl(condition);
  let n = 0;
  const value = printed.ok
    ? printed.value
    : JSON.stringify(
        encodeConditionTree(condition, {
          typeOf: () => undefined,
          newId: () => `id-${++n}`,
        }),
      );
  return {
    kind,
    step: step.key,
    description: `${description}: ${value}`,
    workflow: replaceStep(workflow, {
      ...step,
      config: step.config.map((c) =>
        c.fieldId === "condition" ? { ...c, value } : c,
      ),
    }),
  };
}

function replaceStep(workflow: FlowWorkflow, step: FlowStep): FlowWorkflow {
  return {
    ...workflow,
    steps: workflow.steps.map((s) => (s.key === step.key ? step : s)),
  };
}

/** The step removed; whatever linked into it now links to what followed it. */
function dropStep(workflow: FlowWorkflow, key: StepKey): FlowWorkflow {
  const incoming = workflow.links.filter((l) => l.to === key);
  const outgoing = workflow.links.filter((l) => l.from === key);
  const kept = workflow.links.filter((l) => l.to !== key && l.from !== key);
  const bridged: FlowLink[] = incoming.flatMap((i) =>
    outgoing.map((o) => ({ ...i, to: o.to })),
  );
  return {
    ...workflow,
    steps: workflow.steps.filter((s) => s.key !== key),
    links: [...kept, ...bridged],
  };
}

function countAtoms(c: Condition): number {
  switch (c.kind) {
    case "Logical":
      return c.operands.reduce((n, o) => n + countAtoms(o), 0);
    case "Quantified":
      return 1 + countAtoms(c.body);
    default:
      return 1;
  }
}

/** The condition with its `index`-th atom (pre-order; quantifiers count) replaced, or undefined. */
function mapAtom(
  c: Condition,
  index: number,
  f: (atom: Condition) => Condition | undefined,
): Condition | undefined {
  let n = -1;
  let failed = false;
  const at = (x: Condition): Condition => {
    const r = f(x);
    if (r === undefined) failed = true;
    return r ?? x;
  };
  const visit = (x: Condition): Condition => {
    switch (x.kind) {
      case "Logical":
        return { ...x, operands: x.operands.map(visit) };
      case "Quantified":
        return ++n === index ? at(x) : { ...x, body: visit(x.body) };
      default:
        return ++n === index ? at(x) : x;
    }
  };
  const out = visit(c);
  return failed || n < index ? undefined : out;
}

const FLIP: Readonly<Record<string, string>> = {
  "==": "!=",
  "!=": "==",
  ">": "<=",
  "<=": ">",
  ">=": "<",
  "<": ">=",
  "start_with?": "not_start_with?",
  "not_start_with?": "start_with?",
  "end_with?": "not_end_with?",
  "not_end_with?": "end_with?",
  "include?": "not_include?",
  "not_include?": "include?",
  "in?": "not_in?",
  "not_in?": "in?",
  "nil?": "not_nil?",
  "not_nil?": "nil?",
  "empty_or_nil?": "not_empty_and_not_nil?",
  "not_empty_and_not_nil?": "empty_or_nil?",
};

function flipAtom(a: Condition): Condition | undefined {
  switch (a.kind) {
    case "Comparison":
      return { ...a, op: FLIP[a.op] as typeof a.op };
    case "Unary":
      return { ...a, op: FLIP[a.op] as typeof a.op };
    case "Quantified":
      return {
        ...a,
        quantifier:
          a.quantifier === "any"
            ? "none"
            : a.quantifier === "none"
              ? "any"
              : "any",
      };
    default:
      return undefined;
  }
}

function changeLiteral(a: Condition): Condition | undefined {
  if (a.kind !== "Comparison") return undefined;
  const literalSide =
    a.rhs.kind === "Literal"
      ? "rhs"
      : a.lhs.kind === "Literal"
        ? "lhs"
        : undefined;
  if (literalSide === undefined) return undefined;
  const lit = a[literalSide];
  if (lit.kind !== "Literal") return undefined;
  let text: string;
  if (lit.type === "number") text = String(Number(lit.text) + 1);
  else if (lit.type === "boolean")
    text = lit.text === "true" ? "false" : "true";
  else if (
    /^\d{4}-\d{2}-\d{2}/.test(lit.text) &&
    !Number.isNaN(Date.parse(lit.text))
  )
    text = new Date(Date.parse(lit.text) + 86_400_000).toISOString();
  else if (a.op === "in?" || a.op === "not_in?") {
    const [first = "", ...rest] = lit.text.split(",");
    text = [`${first}x`, ...rest].join(",");
  } else text = `${lit.text}x`;
  return { ...a, [literalSide]: { ...lit, text } };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Variants that mean exactly the same workflow (the no-false-alarm set). */
export function canonicalVariants(
  text: string,
  workflow: FlowWorkflow,
): { name: string; workflow: FlowWorkflow }[] {
  const out: { name: string; workflow: FlowWorkflow }[] = [];
  const py = flowToPython(text);
  if (py.ok) {
    const back = pythonToFlow(py.value.python);
    if (back.ok) {
      const read = readWorkflow(back.value.json);
      if (read.ok)
        out.push({
          name: "re-read from Python with fresh ids",
          workflow: read.value,
        });
    }
  }
  out.push({
    name: "steps and links reordered",
    workflow: {
      ...workflow,
      steps: [...workflow.steps].reverse(),
      links: [...workflow.links].reverse(),
    },
  });
  const order = [...workflow.steps].reverse().map((s) => s.key);
  const rename = new Map(order.map((k, i) => [k, `s:renamed-${i}`]));
  const key = (k: StepKey) => rename.get(k) ?? k;
  out.push({
    name: "step ids renamed",
    workflow: {
      ...workflow,
      steps: workflow.steps.map((s) => ({
        ...s,
        key: key(s.key),
        id: {
          kind: "string",
          value: key(s.key).slice(2),
          raw: JSON.stringify(key(s.key).slice(2)),
        } as FlowStep["id"],
      })),
      links: workflow.links.map((l) => ({
        ...l,
        from: key(l.from),
        to: key(l.to),
      })),
    },
  });
  return out;
}

export function canonicalKey(workflow: FlowWorkflow): string | undefined {
  const { graph, diagnostics } = checkGraph(workflow);
  if (diagnostics.length > 0) return undefined;
  const c = canonicalWorkflow(workflow, graph);
  return c.ok ? JSON.stringify(c.value) : undefined;
}

/** Steps reachable from the triggers. */
export function reachable(workflow: FlowWorkflow): ReadonlySet<StepKey> {
  const seen = new Set<StepKey>();
  const stack = workflow.steps
    .filter((s) => s.taskType === "TRIGGER")
    .map((s) => s.key);
  while (stack.length > 0) {
    const k = stack.pop() as StepKey;
    if (seen.has(k)) continue;
    seen.add(k);
    for (const l of workflow.links) if (l.from === k) stack.push(l.to);
  }
  return seen;
}
