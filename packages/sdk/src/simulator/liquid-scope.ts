import { isRecord, type SimRecord, type SimValue } from "./sim-value.js";

/**
 * A value as Liquid sees it in Flow: a list of objects also answers field names with the
 * flattened list of that field (`order.lineItems.id` is every line item's id), the
 * "field array" SPEC §e describes. Views are proxies over copies that convert a field on
 * first read, since a template touches a few paths of a large payload; the plucked fields
 * are not enumerable, so `for` loops and filters see a plain list.
 */
export function liquidForm(value: SimValue): unknown {
  if (Array.isArray(value)) return listView(value as readonly SimValue[]);
  if (isRecord(value)) return recordView(value);
  return value;
}

function recordView(record: SimRecord): object {
  const target: Record<string, unknown> = { ...record };
  const converted = new Set<string>();
  return new Proxy(target, {
    get(t, key, receiver) {
      if (
        typeof key === "string" &&
        !converted.has(key) &&
        Object.hasOwn(t, key)
      ) {
        converted.add(key);
        t[key] = liquidForm((record[key] ?? null) as SimValue);
      }
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
}

function listView(list: readonly SimValue[]): unknown[] {
  const target: unknown[] = list.map(liquidForm);
  const plucked = new Map<string, unknown[]>();
  const isField = (key: string | symbol): key is string =>
    typeof key === "string" &&
    !(key in target) &&
    list.some((item) => isRecord(item) && Object.hasOwn(item, key));
  const pluck = (key: string): unknown[] => {
    let values = plucked.get(key);
    if (values === undefined) {
      const flat: SimValue[] = [];
      for (const item of list) {
        const v = isRecord(item) ? (item[key] ?? null) : null;
        if (Array.isArray(v)) flat.push(...(v as readonly SimValue[]));
        else flat.push(v);
      }
      values = listView(flat);
      plucked.set(key, values);
    }
    return values;
  };
  return new Proxy(target, {
    get: (t, key, receiver) =>
      isField(key) ? pluck(key) : (Reflect.get(t, key, receiver) as unknown),
    has: (t, key) => isField(key) || Reflect.has(t, key),
    getOwnPropertyDescriptor: (t, key) =>
      isField(key)
        ? {
            value: pluck(key),
            configurable: true,
            enumerable: false,
            writable: true,
          }
        : Reflect.getOwnPropertyDescriptor(t, key),
  });
}
