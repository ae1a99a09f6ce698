import { isRecord, type SimValue } from "./sim-value.js";

/** A variable visible to a step: the trigger's roots, earlier outputs, a ForEach item. */
export interface Binding {
  readonly value: SimValue;
  /** Get data, Count and Sum results are dropped by a Wait (SPEC §c). */
  readonly expiresOnWait: boolean;
}

/** What one step can see; immutable, extended along each path of the run. */
export interface Environment {
  readonly vars: ReadonlyMap<string, Binding>;
  /** Names a Wait dropped, to tell "gone after the wait" from "never defined". */
  readonly expired: ReadonlySet<string>;
}

export function bind(
  env: Environment,
  name: string,
  binding: Binding,
): Environment {
  const vars = new Map(env.vars);
  vars.set(name, binding);
  return { vars, expired: env.expired };
}

export function unbind(env: Environment, name: string): Environment {
  if (!env.vars.has(name)) return env;
  const vars = new Map(env.vars);
  vars.delete(name);
  return { vars, expired: env.expired };
}

export function afterWait(env: Environment): Environment {
  const vars = new Map<string, Binding>();
  const expired = new Set(env.expired);
  for (const [name, b] of env.vars) {
    if (b.expiresOnWait) expired.add(name);
    else vars.set(name, b);
  }
  return { vars, expired };
}

export type Resolved =
  | { readonly kind: "value"; readonly value: SimValue }
  | {
      readonly kind: "unbound";
      readonly root: string;
      readonly expired: boolean;
    };

/**
 * The value at a dotted path. A list met before the last segment is plucked and flattened
 * (`order.lineItems.sku` is every line item's sku), as Flow does for paths that cross
 * lists; a missing field or a null on the way gives null.
 */
export function resolvePath(
  env: Environment,
  path: string,
  locals?: ReadonlyMap<string, SimValue>,
): Resolved {
  const segments = path.split(".");
  const root = segments[0] ?? "";
  const local = locals?.get(root);
  let value: SimValue;
  if (local !== undefined) value = local;
  else {
    const b = env.vars.get(root);
    if (b === undefined)
      return { kind: "unbound", root, expired: env.expired.has(root) };
    value = b.value;
  }
  return { kind: "value", value: walk(value, segments.slice(1)) };
}

export function walk(value: SimValue, segments: readonly string[]): SimValue {
  let v: SimValue = value;
  for (const seg of segments) {
    if (v === null) return null;
    if (Array.isArray(v)) {
      const items = v as readonly SimValue[];
      v = items.flatMap((item): SimValue[] => {
        const x = isRecord(item) ? (item[seg] ?? null) : null;
        return Array.isArray(x) ? [...(x as readonly SimValue[])] : [x];
      });
    } else if (isRecord(v)) v = v[seg] ?? null;
    else return null;
  }
  return v;
}
