import { createHash } from "node:crypto";
import type { RedactionKind } from "../../src/index.js";

/**
 * Known merchant data, one or more per kind, and the fragments of each that must not
 * survive either (an email's local part, a phone's digits, a key's body).
 */
export interface Seed {
  readonly kind: RedactionKind;
  readonly value: string;
  readonly fragments: readonly string[];
}

export const seeds = {
  email: {
    kind: "email",
    value: "jane.doe@acme-store.com",
    fragments: ["jane.doe", "acme-store.com"],
  },
  email2: {
    kind: "email",
    value: "ops.team+alerts@northwind.io",
    fragments: ["ops.team", "northwind"],
  },
  phone: {
    kind: "phone",
    value: "+1 415-555-0132",
    fragments: ["415-555-0132", "4155550132", "555-0132"],
  },
  phone2: {
    kind: "phone",
    value: "(212) 555-0187",
    fragments: ["555-0187", "2125550187"],
  },
  phone3: {
    kind: "phone",
    value: "+44 20 7946 0958",
    fragments: ["7946 0958", "2079460958"],
  },
  urlToken: {
    kind: "url_token",
    value: "tK9fQ2xLw8ZpR4vN",
    fragments: ["tK9fQ2xLw8ZpR4vN"],
  },
  urlSegment: {
    kind: "url_token",
    value: "Xy7Qw3Er5Ty7Ui9Op1As2Df4",
    fragments: ["Xy7Qw3Er5Ty7Ui9Op1As2Df4"],
  },
  shopifyToken: {
    kind: "api_key",
    value: "shpat_0123456789abcdef0123456789abcdef",
    fragments: ["0123456789abcdef0123456789abcdef"],
  },
  bearer: {
    kind: "api_key",
    value: "sk_live_51HqLyjWDarjtT1zdp7dcXYZ",
    fragments: ["51HqLyjWDarjtT1zdp7dcXYZ"],
  },
  headerKey: {
    kind: "api_key",
    value: "a7f3c9e1b5d24680",
    fragments: ["a7f3c9e1b5d24680"],
  },
  bodyKey: {
    kind: "api_key",
    value: "9b8c7d6e5f4a3b2c1d0e",
    fragments: ["9b8c7d6e5f4a3b2c1d0e"],
  },
  hmacKey: {
    kind: "api_key",
    value: "s3cr3tHmacKey42",
    fragments: ["s3cr3tHmacKey42"],
  },
  shop: {
    kind: "shop_domain",
    value: "acme-store.myshopify.com",
    fragments: ["acme-store"],
  },
  customDomain: {
    kind: "shop_domain",
    value: "shop.acme-outdoors.com",
    fragments: ["acme-outdoors"],
  },
  apiHost: {
    kind: "shop_domain",
    value: "hooks.partner-crm.io",
    fragments: ["partner-crm"],
  },
  greetingName: {
    kind: "customer_name",
    value: "Jane Doe",
    fragments: ["Jane", "Doe"],
  },
  signOffName: {
    kind: "customer_name",
    value: "Marguerite Duras",
    fragments: ["Marguerite", "Duras"],
  },
  conditionName: {
    kind: "customer_name",
    value: "Bartholomew",
    fragments: ["Bartholomew"],
  },
  bodyName: {
    kind: "customer_name",
    value: "Hannelore Quist",
    fragments: ["Hannelore", "Quist"],
  },
  gid: {
    kind: "gid",
    value: "gid://shopify/Customer/7012345678901",
    fragments: ["7012345678901"],
  },
  ip: {
    kind: "ip_address",
    value: "84.17.46.212",
    fragments: ["84.17.46.212"],
  },
  address: {
    kind: "postal_address",
    value: "742 Evergreen Terrace",
    fragments: ["Evergreen Terrace"],
  },
} as const satisfies Record<string, Seed>;

export const allSeeds: readonly Seed[] = Object.values(seeds);

const s = seeds;

function step(
  id: number,
  task: string,
  type: string,
  config: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    step_id: id,
    task_id: task,
    task_version: "0.1",
    task_type: type,
    config_field_values: Object.entries(config).map(([k, v]) => ({
      config_field_id: k,
      value: v,
    })),
    ...extra,
  };
}

/**
 * A workflow (agent form, as an object) with every seed in every place merchant data sits
 * in real workflows: email recipients, subjects and bodies, HTTP URL, headers and body,
 * tags, condition literals (DSL), an Admin API call's blob, Liquid literals, a step note.
 * `expected` is how many of each kind redaction must report.
 */
export function seededWorkflow(): {
  readonly document: Record<string, unknown>;
  readonly expected: Readonly<Record<RedactionKind, number>>;
} {
  const condition = [
    `(order.customer.firstName == '${s.conditionName.value}')`,
    `(order.shippingAddress.address1 == '${s.address.value}')`,
    `(order.email == '${s.email.value}')`,
    `(order.phone == '${s.phone.value}')`,
  ].reduce((a, b) => `(${a} && ${b})`);
  const body = JSON.stringify(
    {
      api_key: s.bodyKey.value,
      order: "{{ order.id }}",
      contact: {
        first_name: s.bodyName.value,
        address1: s.address.value,
        phone: s.phone3.value,
        ip: s.ip.value,
        customer: s.gid.value,
      },
      signature: `{{ order.id | hmac_sha256: "${s.hmacKey.value}" }}`,
    },
    null,
    2,
  );
  const blob = JSON.stringify({
    input: {
      id: s.gid.value,
      note: `Call ${s.phone2.value} or write to ${s.email2.value}`,
      email: "{{ order.customer.email }}",
    },
  });
  const document = {
    __metadata: { version: 0.1 },
    root: {
      workflow_name: `Notify ${s.shop.value} about big orders`,
      steps: [
        step(1, "shopify::admin::order_created", "TRIGGER", {}),
        step(2, "shopify::flow::condition", "CONDITION", { condition }),
        step(
          3,
          "shopify::flow::send_email",
          "ACTION",
          {
            address: s.email.value,
            subject: `Order {{ order.name }} (escalate to ${s.email2.value})`,
            message: [
              `Hi ${s.greetingName.value},`,
              "",
              "Order {{ order.name }} for {{ order.customer.email }} was placed.",
              `Call us at ${s.phone.value} or ${s.phone2.value}.`,
              `Manage it at https://${s.customDomain.value}/account?token=${s.urlToken.value}`,
              "",
              "Best regards,",
              s.signOffName.value,
            ].join("\n"),
          },
          { description: `Mail the owner of ${s.shop.value}` },
        ),
        step(4, "shopify::flow::send_http_request", "ACTION", {
          method: "POST",
          url: `https://${s.apiHost.value}/v1/ingest/${s.urlSegment.value}?token=${s.urlToken.value}&order={{ order.id }}`,
          headers: JSON.stringify([
            ["Content-Type", "application/json"],
            ["X-Shopify-Access-Token", s.shopifyToken.value],
            ["Authorization", `Bearer ${s.bearer.value}`],
            ["X-Api-Key", s.headerKey.value],
          ]),
          body,
          on_client_error: "fail",
          on_server_error: "retry",
        }),
        step(5, "shopify::admin::add_order_tags", "ACTION", {
          order_id: JSON.stringify({
            value: "{{ order.id }}",
            default_value: "order.id",
          }),
          tags: JSON.stringify(["big-order", s.email.value, "VIP"]),
        }),
        step(6, "shopify::admin::admin_api_operation", "ACTION", {
          api_call: JSON.stringify({ name: "customerUpdate", blob }),
        }),
      ],
      links: [
        [1, "output", 2],
        [2, "true", 3],
        [3, "output", 4],
        [4, "output", 5],
        [5, "output", 6],
      ].map(([from, port, to]) => ({
        from_step_id: from,
        from_port_id: port,
        to_step_id: to,
        to_port_id: "input",
      })),
      patched_fields: [],
    },
  };
  const expected: Record<RedactionKind, number> = {
    // address, tags, condition; subject, blob
    email: 3 + 2,
    // condition, message; message, blob; body
    phone: 2 + 2 + 1,
    // message query, url segment, url query
    url_token: 3,
    // three headers, body key, hmac key
    api_key: 5,
    // name, description; message host; url host
    shop_domain: 2 + 1 + 1,
    // condition, greeting, sign-off, body first_name
    customer_name: 4,
    // body, blob
    gid: 2,
    ip_address: 1,
    // condition, body
    postal_address: 2,
  };
  return { document, expected };
}

/** The Flow export form of a document: `sha256(body):` + compact JSON. */
export function exportForm(document: unknown): string {
  const body = JSON.stringify(document);
  return `${createHash("sha256").update(body).digest("hex")}:${body}`;
}

/** The IaC form: keys sorted at every depth, 2-space indent, final newline. */
export function iacForm(document: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : typeof v === "object" && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return `${JSON.stringify(sort(document), null, 2)}\n`;
}
