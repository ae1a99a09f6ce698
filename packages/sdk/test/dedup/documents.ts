import {
  decodeConditionValue,
  jsonToValue,
  printConditionDsl,
  readDocument,
  type Condition,
  type Operand,
} from "@flowpy/transpiler";
import {
  seededRandom,
  seededShuffle,
} from "../../src/dataset/write-dataset.js";

/** A Flow document as plain JSON, just the parts the variations touch. */
export interface Doc {
  readonly [key: string]: unknown;
  readonly root: Root;
}
export interface Root {
  readonly [key: string]: unknown;
  readonly workflow_name: string;
  readonly steps: readonly Step[];
  readonly links: readonly Link[];
}
export interface Step {
  readonly [key: string]: unknown;
  readonly step_id: number | string;
  readonly task_id: string;
  readonly task_version: string;
  readonly task_type: string;
  readonly config_field_values: readonly ConfigValue[];
}
export interface ConfigValue {
  readonly config_field_id: string;
  readonly value: string;
}
export interface Link {
  readonly from_step_id: number | string;
  readonly from_port_id: string;
  readonly to_step_id: number | string;
  readonly to_port_id: string;
}

export function parseDoc(text: string): Doc {
  const read = readDocument(text);
  if (!read.ok) throw new Error("corpus document does not read");
  return jsonToValue(read.value.node) as unknown as Doc;
}

export function withRoot(doc: Doc, root: Partial<Root>): Doc {
  return { ...doc, root: { ...doc.root, ...root } };
}

/** A seeded generator, so fast-check's seed drives every choice. */
export const rng = seededRandom;

function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  return seededShuffle(items, Math.floor(random() * 2 ** 32));
}

/** Every object's keys in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  return value;
}

/** Condition-tree node uuids renamed consistently (they are formatting). */
function renameUuids(value: string, random: () => number): string {
  if (!value.startsWith("{")) return value;
  const tag = Math.floor(random() * 1e9).toString(16);
  const names = new Map<string, string>();
  const rename = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rename);
    if (v !== null && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          (k === "uuid" || k === "parent_uuid") && typeof x === "string"
            ? (names.get(x) ??
              (names.set(x, `${tag}-${names.size}`),
              `${tag}-${names.size - 1}`))
            : rename(x),
        ]),
      );
    return v;
  };
  try {
    return JSON.stringify(rename(JSON.parse(value) as unknown));
  } catch {
    return value;
  }
}

/**
 * The same workflow written differently: step ids renumbered (numbers or strings), steps,
 * links and config fields shuffled, keys reversed, positions moved, condition uuids renamed.
 */
export function rewrite(doc: Doc, random: () => number): string {
  const asStrings = random() < 0.5;
  const ids = new Map<number | string, number | string>();
  shuffle(
    random,
    doc.root.steps.map((s) => s.step_id),
  ).forEach((id, i) => ids.set(id, asStrings ? `id-${i}-x` : i + 10));
  const id = (x: number | string): number | string => ids.get(x) ?? x;
  const steps = shuffle(random, doc.root.steps).map((s) => ({
    ...s,
    step_id: id(s.step_id),
    step_position: [Math.floor(random() * 500), Math.floor(random() * 500)],
    config_field_values: shuffle(random, s.config_field_values).map((c) =>
      c.config_field_id === "condition"
        ? { ...c, value: renameUuids(c.value, random) }
        : c,
    ),
  }));
  const links = shuffle(random, doc.root.links).map((l) => ({
    ...l,
    from_step_id: id(l.from_step_id),
    to_step_id: id(l.to_step_id),
  }));
  return JSON.stringify(reverseKeys(withRoot(doc, { steps, links })));
}

const LIQUID = /\{\{|\{%/;
const WORD = (random: () => number): string =>
  `w${Math.floor(random() * 1e6).toString(36)}`;

/** A text literal other than `text`, with the same shape (plain text stays plain text). */
function otherText(text: string, random: () => number): string {
  const t = WORD(random);
  return t === text ? `${t}x` : t;
}

function isPlainText(text: string): boolean {
  return (
    text.length > 0 &&
    !LIQUID.test(text) &&
    !text.startsWith("[") &&
    !text.startsWith("{")
  );
}

function mutateJson(
  value: unknown,
  random: () => number,
  hit: () => void,
): unknown {
  if (typeof value === "string") {
    if (!isPlainText(value)) return value;
    hit();
    return otherText(value, random);
  }
  if (typeof value === "number") {
    hit();
    const n = Math.floor(random() * 1e6);
    return n === value ? n + 1 : n;
  }
  if (typeof value === "boolean") {
    hit();
    return !value;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => mutateJson(v, random, hit));
    // A list keeps its item shapes when one of its items is repeated.
    return items.length > 0 && random() < 0.3 ? [...items, items[0]] : items;
  }
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mutateJson(v, random, hit)]),
    );
  return value;
}

function mutateCondition(
  c: Condition,
  random: () => number,
  hit: () => void,
): Condition {
  const operand = (o: Operand): Operand => {
    if (o.kind !== "Literal") return o;
    hit();
    if (o.type === "boolean")
      return { ...o, text: o.text === "true" ? "false" : "true" };
    if (o.type === "number") {
      const n = String(Math.floor(random() * 1e6));
      return { ...o, text: n === o.text ? `${n}1` : n };
    }
    return { ...o, text: otherText(o.text, random) };
  };
  switch (c.kind) {
    case "Logical":
      return {
        ...c,
        operands: c.operands.map((x) => mutateCondition(x, random, hit)),
      };
    case "Comparison":
      return { ...c, lhs: operand(c.lhs), rhs: operand(c.rhs) };
    case "Unary":
      return c;
    case "Quantified":
      return { ...c, body: mutateCondition(c.body, random, hit) };
  }
}

function mutateValue(
  c: ConfigValue,
  random: () => number,
  hit: () => void,
): ConfigValue {
  if (c.config_field_id === "condition") {
    const condition = decodeConditionValue(c.value);
    if (condition !== undefined) {
      let changed = false;
      const mutated = mutateCondition(
        condition,
        random,
        () => (changed = true),
      );
      const printed = printConditionDsl(mutated);
      if (changed && printed.ok) {
        hit();
        return { ...c, value: printed.value };
      }
      return c;
    }
  }
  const text = c.value;
  if (text !== text.trim()) return c;
  if (
    text.startsWith("[") ||
    text.startsWith("{") ||
    text === "true" ||
    text === "false" ||
    /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(text)
  ) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      return c;
    }
    let changed = false;
    const mutated = mutateJson(parsed, random, () => (changed = true));
    if (!changed) return c;
    hit();
    return { ...c, value: JSON.stringify(mutated) };
  }
  if (!isPlainText(text) || text === "null") return c;
  hit();
  return { ...c, value: otherText(text, random) };
}

/**
 * The same automation with other literals: names, notes, task versions, plain-text config
 * values, JSON leaves, condition literals and patched-field arguments replaced by values of the same shape. `changed`
 * says whether anything the exact key sees was replaced (the name always is).
 */
export function literalVariation(
  doc: Doc,
  random: () => number,
): { readonly text: string; readonly changed: boolean } {
  let changed = false;
  const hit = (): void => {
    changed = true;
  };
  const steps = doc.root.steps.map((s) => {
    const bumped = random() < 0.2;
    const described = random() < 0.5;
    if (bumped || described) hit();
    return {
      ...s,
      ...(bumped ? { task_version: `${s.task_version}.9` } : {}),
      ...(described
        ? { description: otherText(String(s["description"]), random) }
        : {}),
      config_field_values: s.config_field_values.map((c) =>
        random() < 0.7 ? mutateValue(c, random, hit) : c,
      ),
    };
  });
  const renamed = random() < 0.5;
  if (renamed) hit();
  const patched = Array.isArray(doc.root["patched_fields"])
    ? (doc.root["patched_fields"] as readonly Record<string, unknown>[]).map(
        (p) =>
          "arguments" in p
            ? { ...p, arguments: mutateJson(p["arguments"], random, hit) }
            : p,
      )
    : undefined;
  const root = withRoot(doc, {
    ...(patched === undefined ? {} : { patched_fields: patched }),
    ...(renamed
      ? { workflow_name: otherText(doc.root.workflow_name, random) }
      : {}),
    steps,
  });
  return { text: rewrite(root, random), changed };
}
