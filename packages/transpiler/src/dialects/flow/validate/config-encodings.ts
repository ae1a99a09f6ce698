import type {
  ConfigField,
  ConfigFieldType,
} from "../catalog/catalog-schema.js";
import { splitPath } from "./check-paths.js";
import { hasLiquid } from "./liquid.js";

/**
 * What is wrong with a value for its field's encoding (SPEC §c, catalog
 * `meta.config_field_types`), or undefined when it fits. Encodings whose rules are not
 * published (durations, resource references, queries, scripts) accept any text.
 */
export type EncodingCheck = (
  value: string,
  field: ConfigField,
) => EncodingProblem | undefined;

export interface EncodingProblem {
  readonly message: string;
  readonly hint?: string;
}

const anything: EncodingCheck = () => undefined;

/**
 * Text fields take the text itself. The id wrapper `{"value", "default_value"}` there (what
 * a bare path such as `note=order.note` is in Python) would be used as literal JSON text.
 */
const text: EncodingCheck = (value) => {
  const v = value.startsWith('{"') ? parseJsonValue(value) : undefined;
  if (!isPlainObject(v)) return undefined;
  const keys = Object.keys(v).sort();
  const inner = v["value"];
  return keys.length === 2 &&
    keys[0] === "default_value" &&
    keys[1] === "value" &&
    typeof inner === "string"
    ? {
        message: `expected text, got the id wrapper {"value": ${JSON.stringify(inner)}, …}, which Flow would use as the text itself`,
        hint: 'Write the text itself as a string, with Liquid for values from the environment (note="{{ order.name }}"); a bare name or path is the id wrapper, meant for id fields only.',
      }
    : undefined;
};

const NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;
const FREQ =
  /(?:^|;)FREQ=(?:MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(?:;|$)/;
const DTSTART = /^DTSTART(?:;TZID=[^:\n]+)?:[0-9]{8}T[0-9]{6}Z?$/;

/** A Liquid template where the field takes one (it is rendered before the value is read). */
function liquidAllowed(value: string, field: ConfigField): boolean {
  return field.supports_liquid && hasLiquid(value);
}

function parseJsonValue(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export const encodingChecks = {
  string: text,
  liquid: text,
  number: (value, field) =>
    NUMBER.test(value) || liquidAllowed(value, field)
      ? undefined
      : {
          message: `expected a number such as 10 or 2.5, got ${JSON.stringify(value)}`,
          hint: "Write the number itself (in Python: quantity=2).",
        },
  boolean: (value, field) =>
    value === "true" || value === "false" || liquidAllowed(value, field)
      ? undefined
      : {
          message: `expected true or false, got ${JSON.stringify(value)}`,
          hint: "In Python: True or False.",
        },
  enum: (value, field) => {
    const options = field.options;
    if (
      options === undefined ||
      options.includes(value) ||
      liquidAllowed(value, field)
    )
      return undefined;
    const close = options.find(
      (o) => o.toLowerCase() === value.trim().toLowerCase(),
    );
    return {
      message: `${JSON.stringify(value)} is not one of the options of ${field.id}`,
      hint:
        close === undefined
          ? `Options: ${options.join(", ")}.`
          : `Did you mean ${close}? Options: ${options.join(", ")}.`,
    };
  },
  list: (value) => {
    const v = parseJsonValue(value);
    return Array.isArray(v) && v.every((x) => typeof x === "string")
      ? undefined
      : {
          message:
            'expected a JSON array of strings, such as ["VIP","Wholesale"]',
          hint: 'In Python: a list of strings, tags=["VIP"].',
        };
  },
  liquid_wrapper: (value) => {
    const v = parseJsonValue(value);
    const keys = isPlainObject(v) ? Object.keys(v).sort() : [];
    return isPlainObject(v) &&
      keys.length === 2 &&
      keys[0] === "default_value" &&
      keys[1] === "value" &&
      typeof v["value"] === "string" &&
      typeof v["default_value"] === "string"
      ? undefined
      : {
          message:
            'expected the wrapper {"value": "{{ path }}", "default_value": ""}',
          hint: "In Python: the path itself, e.g. order_id=order.id.",
        };
  },
  env_path: (value, field) =>
    splitPath(value) !== undefined || liquidAllowed(value, field)
      ? undefined
      : {
          message: `expected a bare environment path such as order.lineItems, got ${JSON.stringify(value)}`,
          hint: "Write the path without {{ }} or quotes around its parts.",
        },
  condition: anything,
  rrule: (value) => {
    const v = parseJsonValue(value);
    const [only] = Array.isArray(v) ? v : [];
    if (Array.isArray(v) && v.length === 1 && typeof only === "string") {
      const [start, rule, ...more] = only.split(/\r?\n/);
      if (
        more.length === 0 &&
        start !== undefined &&
        DTSTART.test(start) &&
        rule !== undefined &&
        rule.startsWith("RRULE:") &&
        FREQ.test(rule.slice(6))
      )
        return undefined;
    }
    return {
      message:
        "expected a JSON array with one recurrence string: DTSTART;TZID=<zone>:YYYYMMDDTHHMMSS, a newline, RRULE:FREQ=…",
      hint: 'e.g. ["DTSTART;TZID=Europe/Berlin:20300105T080000\\nRRULE:FREQ=WEEKLY;BYDAY=MO"]; FREQ is MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY.',
    };
  },
  headers: (value) => {
    const v = parseJsonValue(value);
    return Array.isArray(v) &&
      v.every(
        (p) =>
          Array.isArray(p) &&
          p.length === 2 &&
          typeof p[0] === "string" &&
          typeof p[1] === "string",
      )
      ? undefined
      : {
          message:
            'expected a JSON array of [name, value] pairs, such as [["Accept","application/json"]]',
          hint: 'In Python: headers=[["Accept", "application/json"]].',
        };
  },
  api_call: (value) => {
    const v = parseJsonValue(value);
    if (
      !isPlainObject(v) ||
      typeof v["name"] !== "string" ||
      typeof v["blob"] !== "string"
    )
      return {
        message: 'expected {"name": "<mutation>", "blob": "<JSON text>"}',
        hint: 'In Python: api_call={"name": "customerUpdate", "blob": json({...})}.',
      };
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v["name"]))
      return {
        message: `the api_call name ${JSON.stringify(v["name"])} is not a bare mutation name`,
        hint: "Write the mutation's name only (customerUpdate), without `mutation` or arguments.",
      };
    // Liquid is rendered before the blob is read as JSON, so it may stand anywhere.
    const masked = v["blob"]
      .replace(/\{\{[\s\S]*?\}\}/g, "0")
      .replace(/\{%[\s\S]*?%\}/g, "");
    return parseJsonValue(masked) === undefined
      ? {
          message: "the api_call blob is not JSON",
          hint: "The blob is the mutation's variables as JSON text (not GraphQL); Liquid may appear inside it.",
        }
      : undefined;
  },
  graphql_query: anything,
  javascript: anything,
  graphql_sdl: anything,
  metafield_ref: (value) => {
    const v = parseJsonValue(value);
    return isPlainObject(v) &&
      typeof v["namespace"] === "string" &&
      typeof v["key"] === "string" &&
      (v["type"] === undefined || typeof v["type"] === "string")
      ? undefined
      : {
          message:
            'expected a metafield selector {"namespace": "…", "key": "…", "type": "…"}',
          hint: 'In Python: metafield={"namespace": "custom", "key": "gift_note", "type": "single_line_text_field"}.',
        };
  },
  search_query: anything,
  resource_ref: anything,
  duration: anything,
  shopifyql: anything,
} as const satisfies Record<ConfigFieldType, EncodingCheck>;
