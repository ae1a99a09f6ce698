import fc from "fast-check";
import type { RedactionKind } from "../../src/index.js";

const lower = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[a-z]{${min},${max}}$`));
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const alnum = (min: number, max: number) =>
  fc
    .stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`))
    .filter((s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s));
const capitalized = fc
  .tuple(fc.constantFrom(..."BCDFGHJKLMNPRSTVWZ"), lower(3, 9))
  .map(([a, b]) => a + b);

/** A generated secret of each kind, written the way it appears in merchant text. */
export const secrets: Record<
  Exclude<RedactionKind, "postal_address">,
  fc.Arbitrary<{ readonly text: string; readonly secret: string }>
> = {
  email: fc
    .tuple(
      lower(2, 10),
      lower(0, 6),
      lower(3, 12),
      fc.constantFrom("com", "io", "de", "co.uk", "shop"),
    )
    .map(([a, b, d, tld]) => {
      const email = `${a}${b === "" ? "" : `.${b}`}@${d}-mail.${tld}`;
      return { text: email, secret: email };
    }),
  phone: fc
    .tuple(
      digits(3),
      digits(3),
      digits(4),
      fc.constantFrom("+1 a-b-c", "(a) b-c", "+44 a b c", "a.b.c"),
    )
    .map(([a, b, c, shape]) => {
      const phone = shape.replace("a", a).replace("b", b).replace("c", c);
      return { text: phone, secret: `${a}${b}${c}` };
    }),
  url_token: fc
    .tuple(
      alnum(12, 32),
      fc.constantFrom("token", "access_token", "sig", "api_key", "key"),
    )
    .map(([token, name]) => ({
      text: `https://hooks.zapier.com/hooks/catch/?${name}=${token}&x=1`,
      secret: token,
    })),
  api_key: fc.oneof(
    fc
      .stringMatching(/^[0-9a-f]{32}$/)
      .map((k) => ({ text: `shpat_${k}`, secret: k })),
    alnum(20, 30).map((k) => ({ text: `sk_live_${k}`, secret: k })),
    alnum(16, 40).map((k) => ({
      text: `Authorization: Bearer ${k}`,
      secret: k,
    })),
    alnum(8, 30).map((k) => ({ text: `api_key=${k}`, secret: k })),
  ),
  shop_domain: lower(4, 20).map((s) => ({
    text: `${s}-store.myshopify.com`,
    secret: `${s}-store`,
  })),
  customer_name: fc
    .tuple(
      capitalized,
      capitalized,
      fc.constantFrom("Hi", "Hello", "Dear", "Hey"),
    )
    .map(([first, last, hi]) => ({
      text: `${hi} ${first} ${last},`,
      secret: `${first} ${last}`,
    })),
  gid: fc
    .tuple(
      fc.constantFrom("Customer", "Order", "Product", "Collection", "Location"),
      fc.integer({ min: 1, max: 9 }),
      fc.stringMatching(/^[0-9]{5,13}$/),
    )
    .map(([type, lead, rest]) => ({
      text: `gid://shopify/${type}/${lead}${rest}`,
      secret: `${lead}${rest}`,
    })),
  ip_address: fc
    .tuple(
      fc.integer({ min: 11, max: 223 }),
      fc.nat(255),
      fc.nat(255),
      fc.integer({ min: 1, max: 254 }),
    )
    .filter(([a]) => a !== 127 && a !== 192 && a !== 198 && a !== 203)
    .map((octets) => {
      const ip = octets.join(".");
      return { text: ip, secret: ip };
    }),
};

const words = [
  "order",
  "tag",
  "the",
  "customer",
  "ships",
  "today",
  "with",
  "total",
  "over",
  "items",
  "VIP",
  "Hi team,",
  "Thanks!",
] as const;

function fillerOf(extra: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...words, ...extra),
        fc.integer({ min: 0, max: 100000 }).map(String),
        fc
          .float({ min: 0, max: 10000, noNaN: true, noDefaultInfinity: true })
          .map((x) => x.toFixed(2)),
      ),
      { maxLength: 8 },
    )
    .map((w) => w.join(" "));
}

/** Ordinary words and numbers: what merchant text is made of besides the data. */
export const filler = fillerOf(["{{ order.name }}", "{{ customer.email }}"]);

/**
 * The same without Liquid, for text put into any workflow: a Liquid path reads a variable
 * that only some triggers have, and an unknown one makes the workflow invalid.
 */
export const plainFiller = fillerOf([]);
