import { createHmac } from "node:crypto";
import type { RedactionKind } from "./redaction-kind.js";

/**
 * Placeholders computed from a keyed hash (HMAC-SHA256 with the run's salt) of the kind and
 * the value: the same value gets the same placeholder in every workflow of a run without
 * any table that grows with the input, and without the salt nobody can test a guess.
 * Each placeholder keeps the syntax of what it replaces (an email stays an email, a GID a
 * GID with the same type, digits stay digits), so the field it sits in stays valid.
 */
export interface Placeholders {
  email(value: string): string;
  phone(value: string): string;
  /** A token, key or signature: same length and character classes, known prefixes (`shpat_`) kept. */
  secret(kind: "url_token" | "api_key", value: string): string;
  /** A host name: `shop-<hex>.myshopify.com` for a shop, `shop-<hex>.example.com` otherwise. */
  domain(host: string): string;
  gid(value: string): string;
  ip(value: string): string;
  name(value: string): string;
  address(value: string): string;
}

/** Prefixes of well-known credential formats, kept so the placeholder still says what it is. */
const SECRET_PREFIX =
  /^(?:shp(?:at|ss|ca|pa|ua)_|sk_(?:live|test)_|pk_(?:live|test)_|rk_(?:live|test)_|whsec_|xox[abprs]-|gh[pousr]_|glpat-|AKIA|AIza|SG\.|eyJ)/;

const FIRST_NAMES = [
  "Alex",
  "Avery",
  "Blair",
  "Cameron",
  "Casey",
  "Charlie",
  "Dakota",
  "Drew",
  "Eden",
  "Elliot",
  "Emery",
  "Finley",
  "Harper",
  "Hayden",
  "Indigo",
  "Jamie",
  "Jordan",
  "Kai",
  "Kendall",
  "Lane",
  "Logan",
  "Marlowe",
  "Micah",
  "Morgan",
  "Nico",
  "Noel",
  "Oakley",
  "Parker",
  "Peyton",
  "Quinn",
  "Reese",
  "Riley",
  "Robin",
  "Rowan",
  "Sage",
  "Sawyer",
  "Shay",
  "Skyler",
  "Sloane",
  "Tatum",
  "Teagan",
  "Toby",
  "Val",
  "Wren",
  "Yael",
  "Zion",
  "Arden",
  "Bellamy",
  "Corin",
  "Darcy",
  "Ellis",
  "Frankie",
  "Gale",
  "Hollis",
  "Iris",
  "Jules",
  "Kit",
  "Lennon",
  "Milan",
  "Nova",
  "Ocean",
  "Perry",
  "Remy",
  "Sasha",
] as const;

const LAST_NAMES = [
  "Abbott",
  "Barlow",
  "Castell",
  "Delmar",
  "Ellery",
  "Fairfax",
  "Galloway",
  "Hartwell",
  "Ivers",
  "Jasper",
  "Kestrel",
  "Lindqvist",
  "Marchetti",
  "Norwood",
  "Okafor",
  "Pemberton",
  "Quigley",
  "Rosales",
  "Sandoval",
  "Thackeray",
  "Underhill",
  "Vasquez",
  "Whitlock",
  "Yarrow",
  "Zeller",
  "Ashdown",
  "Birch",
  "Calloway",
  "Dunmore",
  "Everly",
  "Fenwick",
  "Greer",
  "Holloway",
  "Ingram",
  "Jessup",
  "Kinsley",
  "Larkin",
  "Maddox",
  "Nakamura",
  "Oduya",
  "Prescott",
  "Ramsey",
  "Sterling",
  "Tolliver",
  "Upton",
  "Vance",
  "Winslow",
  "Yates",
  "Aldridge",
  "Brannigan",
  "Crane",
  "Draper",
  "Easton",
  "Fontaine",
  "Garland",
  "Hendry",
  "Ibarra",
  "Jankowski",
  "Kowalczyk",
  "Lovell",
  "Merritt",
  "Nolan",
  "Orsini",
  "Pryor",
] as const;

const STREETS = [
  "Maple",
  "Cedar",
  "Harbor",
  "Orchard",
  "Willow",
  "Summit",
  "Meadow",
  "Ridge",
  "Lakeview",
  "Juniper",
  "Aspen",
  "Birchwood",
  "Clover",
  "Elm",
  "Falcon",
  "Granite",
] as const;

const STREET_TYPES = [
  "Street",
  "Avenue",
  "Road",
  "Lane",
  "Drive",
  "Way",
] as const;

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";

function hexLike(digits: string, like: string): string {
  return /[A-F]/.test(like) ? digits.toUpperCase() : digits;
}

export function createPlaceholders(salt: string): Placeholders {
  // `attempt` > 0 only when a placeholder happened to equal the value it replaces.
  const bytes = (
    kind: RedactionKind,
    value: string,
    count: number,
    attempt = 0,
  ): Uint8Array => {
    const out = new Uint8Array(count);
    for (let block = 0, filled = 0; filled < count; block++) {
      const digest = createHmac("sha256", salt)
        .update(`${kind}\u0000${attempt}\u0000${block}\u0000${value}`)
        .digest();
      const take = Math.min(digest.length, count - filled);
      out.set(digest.subarray(0, take), filled);
      filled += take;
    }
    return out;
  };
  const pick = <T>(list: readonly T[], byte: number): T =>
    list[byte % list.length] as T;
  const hex = (kind: RedactionKind, value: string, n: number): string =>
    Array.from(bytes(kind, value, n), (b) => HEX[b % 16]).join("");
  // Retries with the next attempt until the placeholder differs from the original, so a
  // value is never "replaced" by itself (a 1-in-10^n event for n digits, but tests search).
  const differing = (
    value: string,
    make: (attempt: number) => string,
  ): string => {
    for (let attempt = 0; ; attempt++) {
      const candidate = make(attempt);
      if (candidate !== value || attempt > 8) return candidate;
    }
  };
  // Every character keeps its class (digit, lower, upper) and punctuation stays put.
  const reshape = (
    kind: RedactionKind,
    value: string,
    attempt: number,
  ): string => {
    const random = bytes(kind, value, value.length, attempt);
    let out = "";
    for (let i = 0; i < value.length; i++) {
      const c = value.charAt(i);
      const b = random[i] ?? 0;
      out += DIGITS.includes(c)
        ? DIGITS.charAt(b % 10)
        : LOWER.includes(c)
          ? LOWER.charAt(b % 26)
          : UPPER.includes(c)
            ? UPPER.charAt(b % 26)
            : c;
    }
    return out;
  };
  const hostLabel = (host: string): string =>
    `shop-${hex("shop_domain", host.toLowerCase(), 8)}`;

  return {
    email: (value) =>
      `user-${hex("email", value.toLowerCase(), 10)}@example.com`,
    phone: (value) =>
      differing(value, (attempt) => {
        const shaped = reshape("phone", value, attempt);
        // A leading zero after the `+` would not be a country code.
        return shaped.replace(/^(\+?\(?)0/, "$11");
      }),
    secret: (kind, value) => {
      const prefix = SECRET_PREFIX.exec(value)?.[0] ?? "";
      const body = value.slice(prefix.length);
      // Hex stays hex (signatures, digests), so a placeholder parses where the secret did.
      const hexBody =
        (/^[0-9a-f]+$/.test(body) || /^[0-9A-F]+$/.test(body)) &&
        /[a-fA-F]/.test(body);
      return differing(value, (attempt) =>
        hexBody
          ? prefix +
            hexLike(hex(kind, `${attempt}\u0000${body}`, body.length), body)
          : prefix + reshape(kind, body, attempt),
      );
    },
    domain: (host) =>
      /\.myshopify\.com$/i.test(host)
        ? `${hostLabel(host)}.myshopify.com`
        : `${hostLabel(host)}.example.com`,
    gid: (value) => {
      const cut = value.lastIndexOf("/") + 1;
      const id = value.slice(cut);
      return differing(value, (attempt) => {
        const fake = reshape("gid", id, attempt);
        return value.slice(0, cut) + fake.replace(/^0/, "1");
      });
    },
    ip: (value) =>
      differing(value, (attempt) => {
        const [a = 0, b = 0, c = 0] = bytes("ip_address", value, 3, attempt);
        return `10.${a}.${b}.${(c % 254) + 1}`;
      }),
    name: (value) => {
      const words = value.trim().split(/\s+/).length;
      const [f = 0, l = 0] = bytes("customer_name", value.toLowerCase(), 2);
      const first = pick(FIRST_NAMES, f);
      const fake = words <= 1 ? first : `${first} ${pick(LAST_NAMES, l)}`;
      return value === value.toUpperCase() && /[A-Z]/.test(value)
        ? fake.toUpperCase()
        : fake;
    },
    address: (value) => {
      const [n = 0, s = 0, t = 0] = bytes(
        "postal_address",
        value.toLowerCase(),
        3,
      );
      return `${(n % 250) + 1} ${pick(STREETS, s)} ${pick(STREET_TYPES, t)}`;
    },
  };
}
