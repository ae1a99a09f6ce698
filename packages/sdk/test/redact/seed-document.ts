import { redactionKinds, type RedactionKind } from "../../src/index.js";
import { seeds } from "./seeds.js";

export type Json = Record<string, unknown>;
interface ConfigEntry {
  config_field_id: string;
  value: string;
}

function parseObject(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Json)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Seeds merchant data into a real workflow where real workflows hold it, and tallies the
 * least each kind must be found (the corpus may hold more of its own).
 */
export function seedDocument(document: Json): Record<RedactionKind, number> {
  const tally = Object.fromEntries(redactionKinds.map((k) => [k, 0])) as Record<
    RedactionKind,
    number
  >;
  const root = document["root"] as { steps: Json[] };
  for (const step of root.steps) {
    const configs = step["config_field_values"] as ConfigEntry[];
    if (step["task_type"] === "ACTION") {
      step["description"] = `Escalate to ${seeds.email2.value}`;
      tally.email += 1;
    }
    for (const c of configs) {
      switch (c.config_field_id) {
        case "address":
          c.value = seeds.email.value;
          tally.email += 1;
          break;
        case "subject":
          c.value += ` (${seeds.email2.value})`;
          tally.email += 1;
          break;
        case "message":
          c.value = `Hi ${seeds.greetingName.value},\n${c.value}\nCall ${seeds.phone.value}.\nBest regards,\n${seeds.signOffName.value}`;
          tally.customer_name += 2;
          tally.phone += 1;
          break;
        case "url":
          if (c.value.startsWith("https://")) {
            c.value += `${c.value.includes("?") ? "&" : "?"}token=${seeds.urlToken.value}`;
            tally.url_token += 1;
          }
          break;
        case "headers": {
          const pairs = JSON.parse(c.value) as string[][];
          pairs.push(["X-Shopify-Access-Token", seeds.shopifyToken.value]);
          pairs.push(["X-Api-Key", seeds.headerKey.value]);
          c.value = JSON.stringify(pairs);
          tally.api_key += 2;
          break;
        }
        case "body": {
          const object = parseObject(c.value);
          if (object !== undefined) {
            object["api_key"] = seeds.bodyKey.value;
            object["contact"] = {
              first_name: seeds.bodyName.value,
              address1: seeds.address.value,
              phone: seeds.phone3.value,
              ip: seeds.ip.value,
              customer: seeds.gid.value,
            };
            c.value = JSON.stringify(object, null, 2);
            tally.api_key += 1;
            tally.customer_name += 1;
            tally.postal_address += 1;
            tally.phone += 1;
            tally.ip_address += 1;
            tally.gid += 1;
          } else {
            c.value += ` ${seeds.email.value}`;
            tally.email += 1;
          }
          break;
        }
        case "tags": {
          const tags = JSON.parse(c.value) as string[];
          tags.push(seeds.email.value);
          c.value = JSON.stringify(tags);
          tally.email += 1;
          break;
        }
        case "api_call": {
          const call = parseObject(c.value);
          const blob =
            typeof call?.["blob"] === "string"
              ? parseObject(call["blob"])
              : undefined;
          if (call !== undefined && blob !== undefined) {
            blob["note"] =
              `Call ${seeds.phone2.value} or ${seeds.email2.value}`;
            call["blob"] = JSON.stringify(blob, null, 2);
            c.value = JSON.stringify(call);
            tally.phone += 1;
            tally.email += 1;
          }
          break;
        }
        case "condition":
          if (c.value.startsWith("(")) {
            // `shop` is in scope under every trigger; `order` is not (a customer or product
            // trigger has none), and an unknown path makes the workflow invalid.
            c.value = `(${c.value} && (shop.email == '${seeds.email.value}'))`;
            tally.email += 1;
          }
          break;
      }
    }
  }
  return tally;
}
