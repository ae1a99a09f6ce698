import { liquidMarkup, MASK, maskMarkup } from "./liquid-markup.js";
import type { Placeholders } from "./placeholders.js";
import { isPublicHost } from "./public-hosts.js";
import type { Redaction, RedactionKind } from "./redaction-kind.js";

/** A replacement of `[start, end)` of a text by `text`, and the redaction it records. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly redaction: Redaction;
}

/**
 * How a text is read. `text`: free text or a Liquid template, where detectors find the data.
 * The others say the whole literal text is one value of that kind (from its context: a JSON
 * key `api_key`, a header `Authorization`, a condition on `customer.firstName` …).
 */
export type TextMode = "text" | RedactionKind;

/**
 * The edits that redact one text. Liquid markup is never changed except inside its quoted
 * string literals (`"now"`, an `hmac_sha256: "key"` argument), which are data like any
 * literal text; paths such as `{{ order.customer.email }}` are references and stay.
 * Edits are sorted and do not overlap.
 */
export function redactText(
  text: string,
  mode: TextMode,
  ph: Placeholders,
): Edit[] {
  const ranges = liquidMarkup(text);
  const edits: Edit[] = [];
  for (const r of ranges) {
    const markup = text.slice(r.start, r.end);
    for (const q of markup.matchAll(/"([^"]*)"|'([^']*)'/g)) {
      const content = q[1] ?? q[2] ?? "";
      const at = r.start + q.index + 1;
      const before = markup.slice(0, q.index);
      const literalMode: TextMode = /hmac_sha(?:1|256)\s*:\s*$/.test(before)
        ? "api_key"
        : "text";
      for (const e of redactText(content, literalMode, ph))
        edits.push({ ...e, start: e.start + at, end: e.end + at });
    }
  }
  const masked = ranges.length === 0 ? text : maskMarkup(text, ranges);
  const found =
    mode === "text" ? detect(masked, ph) : wholeValue(masked, mode, ph);
  return [...edits, ...found].sort((a, b) => a.start - b.start);
}

function edit(
  start: number,
  original: string,
  kind: RedactionKind,
  placeholder: string,
): Edit {
  return {
    start,
    end: start + original.length,
    text: placeholder,
    redaction: { kind, original, placeholder },
  };
}

/** Each run of literal text (between markup), trimmed, is one value of `kind`. */
function wholeValue(masked: string, kind: RedactionKind, ph: Placeholders) {
  const edits: Edit[] = [];
  for (const m of masked.matchAll(/[^\uE000]+/g)) {
    const lead = /^\s*/.exec(m[0])?.[0].length ?? 0;
    const value = m[0].trim();
    const start = m.index + lead;
    if (value === "") continue;
    switch (kind) {
      case "api_key":
      case "url_token": {
        // Keep an auth scheme (`Bearer …`): it is protocol, not secret.
        const scheme = /^(?:Bearer|Basic|Token|Digest|Bot)(?:\s+|$)/i.exec(
          value,
        );
        const skip = scheme?.[0].length ?? 0;
        const secret = value.slice(skip);
        if (secret !== "" && !isStandIn(secret))
          edits.push(edit(start + skip, secret, kind, ph.secret(kind, secret)));
        break;
      }
      case "customer_name":
      case "postal_address":
        if (/\p{L}/u.test(value))
          edits.push(
            edit(
              start,
              value,
              kind,
              kind === "customer_name" ? ph.name(value) : ph.address(value),
            ),
          );
        break;
      case "phone":
        if ((value.match(/\d/g) ?? []).length >= 7)
          edits.push(edit(start, value, kind, ph.phone(value)));
        else edits.push(...detect(m[0], ph).map((e) => shift(e, m.index)));
        break;
      default:
        // Kinds with a syntax of their own are found by their detectors.
        edits.push(...detect(m[0], ph).map((e) => shift(e, m.index)));
    }
  }
  return edits;
}

/** Values that only stand in for a secret (`PLACEHOLDER`, `YOUR_API_KEY`, `xxxx`): nothing to hide. */
function isStandIn(value: string): boolean {
  return /^(?:placeholder\w*|your[-_]\w+|x{3,}|\*+|<[^<>]*>|redacted\w*|changeme|todo|secret|token|none|null)$/i.test(
    value,
  );
}

function shift(e: Edit, by: number): Edit {
  return { ...e, start: e.start + by, end: e.end + by };
}

type Detector = (text: string, ph: Placeholders) => Edit[];

/** Well-known credential formats, recognizable anywhere. */
const KEY_LITERAL = new RegExp(
  [
    "\\bshp(?:at|ss|ca|pa|ua)_[A-Za-z0-9]{16,}",
    "\\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}",
    "\\bwhsec_[A-Za-z0-9+/=]{16,}",
    "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
    "\\bgh[pousr]_[A-Za-z0-9]{20,}",
    "\\bglpat-[A-Za-z0-9_-]{16,}",
    "\\bAKIA[0-9A-Z]{16}\\b",
    "\\bAIza[0-9A-Za-z_-]{30,}",
    "\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}",
    "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
  ].join("|"),
  "g",
);

const keyLiterals: Detector = (text, ph) =>
  [...text.matchAll(KEY_LITERAL)].map((m) =>
    edit(m.index, m[0], "api_key", ph.secret("api_key", m[0])),
  );

/** Query and fragment parameters whose value is a credential. */
const SECRET_PARAM =
  /^(?:.*(?:token|secret|passw(?:or)?d|pwd|api[-_]?key|apikey|signature|hmac|credential|session)|key|sig|auth|code|x-amz-[a-z-]+|access_key|private_key)$/i;

const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>\\^`|{}]+/g;

/** A path segment that is a credential rather than a name (webhook secrets, signed ids). */
function secretSegment(segment: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return false;
  const letters = /[A-Za-z]/.test(segment);
  const digits = /[0-9]/.test(segment);
  const mixedCase = /[a-z]/.test(segment) && /[A-Z]/.test(segment);
  return (
    (segment.length >= 20 && letters && digits) ||
    (segment.length >= 24 && mixedCase)
  );
}

const urls: Detector = (text, ph) => {
  const edits: Edit[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, "");
    const base = m.index;
    const afterScheme = url.indexOf("//") + 2;
    const authorityEnd = (() => {
      const i = url.slice(afterScheme).search(/[/?#]/);
      return i === -1 ? url.length : afterScheme + i;
    })();
    const authority = url.slice(afterScheme, authorityEnd);
    const at = authority.lastIndexOf("@");
    if (at !== -1) {
      const colon = authority.indexOf(":");
      if (colon !== -1 && colon < at) {
        const password = authority.slice(colon + 1, at);
        if (password !== "" && !password.includes(MASK))
          edits.push(
            edit(
              base + afterScheme + colon + 1,
              password,
              "api_key",
              ph.secret("api_key", password),
            ),
          );
      }
    }
    const hostStart = afterScheme + at + 1;
    const host = authority.slice(at + 1).replace(/:\d*$/, "");
    edits.push(...hostEdits(host, base + hostStart, ph));
    // Path segments, then parameters of the query and the fragment.
    const rest = url.slice(authorityEnd);
    const q = rest.search(/[?#]/);
    const path = q === -1 ? rest : rest.slice(0, q);
    let offset = base + authorityEnd;
    for (const segment of path.split("/")) {
      for (const part of segment.split(MASK)) {
        if (part !== "" && secretSegment(part)) {
          const start = offset + segment.indexOf(part);
          edits.push(
            edit(start, part, "url_token", ph.secret("url_token", part)),
          );
        }
      }
      offset += segment.length + 1;
    }
    if (q !== -1) {
      const paramsAt = base + authorityEnd + q + 1;
      const params = rest.slice(q + 1);
      let p = 0;
      for (const pair of params.split(/[&#;]/)) {
        const eq = pair.indexOf("=");
        if (eq > 0) {
          const name = decodeParam(pair.slice(0, eq));
          const value = pair.slice(eq + 1);
          if (SECRET_PARAM.test(name) && !isStandIn(value)) {
            for (const run of value.matchAll(/[^\uE000]+/g))
              edits.push(
                edit(
                  paramsAt + p + eq + 1 + run.index,
                  run[0],
                  "url_token",
                  ph.secret("url_token", run[0]),
                ),
              );
          }
        }
        p += pair.length + 1;
      }
    }
  }
  return edits;
};

function decodeParam(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

const IPV4 =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g;

/** Loopback, unspecified and documentation addresses say nothing about a merchant. */
function publicIp(ip: string): boolean {
  return (
    /^(?:127\.|0\.0\.0\.0$|255\.255\.255\.255$)/.test(ip) ||
    /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\./.test(ip)
  );
}

function hostEdits(host: string, at: number, ph: Placeholders): Edit[] {
  if (host === "" || host.includes(MASK)) return [];
  if (/^[\d.]+$/.test(host)) {
    return new RegExp(IPV4.source).test(host) && !publicIp(host)
      ? [edit(at, host, "ip_address", ph.ip(host))]
      : [];
  }
  if (!/^[A-Za-z0-9.-]+$/.test(host) || !host.includes(".")) return [];
  if (isPublicHost(host)) return [];
  return [edit(at, host, "shop_domain", ph.domain(host))];
}

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?(?:@|%40)(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

const emails: Detector = (text, ph) =>
  [...text.matchAll(EMAIL)].flatMap((m) => {
    const domain = m[0].replace(/^.*(?:@|%40)/, "");
    // Reserved names (RFC 2606) cannot belong to anyone; mailbox providers can.
    return /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i.test(
      domain,
    )
      ? []
      : [edit(m.index, m[0], "email", ph.email(m[0]))];
  });

const GID = /\bgid:\/\/[A-Za-z0-9_-]+\/[A-Za-z0-9_]+\/[A-Za-z0-9_-]+/g;

const gids: Detector = (text, ph) =>
  [...text.matchAll(GID)].map((m) => edit(m.index, m[0], "gid", ph.gid(m[0])));

/** `Bearer <token>` and `api_key=…`, `"password": "…"` written into text. */
const BEARER = /\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{8,})/g;
const KEY_VALUE =
  /\b(?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret|secret[_-]?key|secret|password|passwd|token|signature)\b["']?\s*[:=]\s*(["']?)([^\s"'&,;{}<>\uE000]{4,})/gi;

const keyValues: Detector = (text, ph) =>
  [...text.matchAll(BEARER), ...text.matchAll(KEY_VALUE)].flatMap((m) => {
    const quoted = m.length > 2 && m[1] !== "";
    const value = (m.length > 2 ? m[2] : m[1]) ?? "";
    if (isStandIn(value)) return [];
    // Unquoted, an identifier or dotted path without digits is code, not a credential:
    // `password = input.shop.password` in Run code.
    if (
      m.length > 2 &&
      !quoted &&
      !/\d/.test(value) &&
      /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(value)
    )
      return [];
    const start = m.index + m[0].length - value.length;
    return [edit(start, value, "api_key", ph.secret("api_key", value))];
  });

const SHOP_DOMAIN =
  /(?<![\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.myshopify\.com(?![\w-])/gi;
const WWW_HOST =
  /(?<![\w.-])www\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/gi;

const domains: Detector = (text, ph) =>
  [...text.matchAll(SHOP_DOMAIN), ...text.matchAll(WWW_HOST)]
    .filter((m) => !isPublicHost(m[0]))
    .map((m) => edit(m.index, m[0], "shop_domain", ph.domain(m[0])));

const ips: Detector = (text, ph) =>
  [...text.matchAll(IPV4)]
    .filter((m) => !publicIp(m[0]))
    .map((m) => edit(m.index, m[0], "ip_address", ph.ip(m[0])));

/**
 * Phone numbers in the shapes phones are written in: a `+` country code and groups
 * (`+1 415-555-0132`, `+44 20 7946 0958`, `+14155550132`), an area code in parentheses
 * (`(212) 555-0187`), or North American `415-555-0132` / `415.555.0132`. Numbers in other
 * shapes (`4155550132`, `020 7946 0958`) are not recognized: without a cue they cannot be
 * told from prices, quantities, thresholds and ids.
 */
const PHONE =
  /(?<![\w+\-./:#])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?)(?:[ .-]?\d{2,4}){1,4}|\(\d{2,4}\)[ .-]?\d{3,4}[ .-]\d{3,5}|\d{3}([.-])\d{3}\1\d{4})(?![\w\-/]|[.,]\d)/g;

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  return digits >= 8 && digits <= 15;
}

const phones: Detector = (text, ph) =>
  [...text.matchAll(PHONE)]
    .filter((m) => isPhone(m[0]))
    .map((m) => edit(m.index, m[0], "phone", ph.phone(m[0])));

/**
 * Customer names, found only by their cues: a greeting (`Hi`, `Dear` …) or an honorific
 * (`Ms.`) before capitalized words, or a sign-off (`Regards,`) before a line holding
 * capitalized words. A name without such a cue ("order for Jane Doe") is not found;
 * names in fields that say what they hold (`firstName`, JSON key `customer_name`) are
 * handled by their context instead.
 */
const NAME_WORD = "\\p{Lu}[\\p{Ll}'’-]+";
const NAME = `${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,2}`;
const GREETING = new RegExp(
  `\\b(?:Hi|Hello|Hey|Dear|Attn:?|Attention:?)[ \\t]*,?[ \\t]+(${NAME})`,
  "gu",
);
const HONORIFIC = new RegExp(
  `\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?[ \\t]+(${NAME_WORD}(?:[ \\t]+${NAME_WORD})?)`,
  "gu",
);
const SIGN_OFF = new RegExp(
  `\\b(?:(?:[Bb]est|[Kk]ind|[Ww]arm) (?:regards|wishes)|Regards|Best|Cheers|Sincerely|Thanks|Thank you|Yours(?: truly)?|Warmly)[ \\t]*,[ \\t]*(?:\\r?\\n|<br ?/?>|</?p>)+[ \\t]*(${NAME})[ \\t]*(?=$|\\r?\\n|<)`,
  "gmu",
);

/** Capitalized words that follow a greeting but are not names. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  "There",
  "Team",
  "All",
  "Everyone",
  "Everybody",
  "Customer",
  "Customers",
  "Friend",
  "Friends",
  "Folks",
  "Sir",
  "Madam",
  "Support",
  "Admin",
  "Ops",
  "Shopify",
  "Flow",
  "Again",
  "Your",
  "You",
  "We",
  "Our",
  "The",
  "This",
  "That",
  "Please",
  "Thanks",
  "Thank",
  "New",
  "Order",
  "Orders",
  "Just",
  "Welcome",
  "Good",
  "Great",
  "Here",
  "It",
  "Staff",
  "Merchant",
  "Store",
  "Shop",
  "Buyer",
  "Valued",
  "Dear",
  "Hi",
  "Hello",
  "Manager",
  "Warehouse",
  "Finance",
  "Mr",
  "Mrs",
  "Ms",
  "Miss",
  "Mx",
  "Dr",
  "Prof",
  "Sales",
  "Marketing",
  "Fulfillment",
  "Accounting",
  "Team,",
]);

const names: Detector = (text, ph) =>
  [
    ...text.matchAll(GREETING),
    ...text.matchAll(HONORIFIC),
    ...text.matchAll(SIGN_OFF),
  ].flatMap((m) => {
    const found = m[1] ?? "";
    const start = m.index + m[0].length - found.length;
    let end = 0;
    for (const w of found.matchAll(/\S+/g)) {
      if (NOT_NAMES.has(w[0])) break;
      end = w.index + w[0].length;
    }
    if (end === 0) return [];
    const original = found.slice(0, end);
    return [edit(start, original, "customer_name", ph.name(original))];
  });

/** In priority order: where two matches overlap, the earlier detector wins. */
const DETECTORS: readonly Detector[] = [
  keyLiterals,
  urls,
  emails,
  gids,
  keyValues,
  domains,
  ips,
  phones,
  names,
];

function detect(text: string, ph: Placeholders): Edit[] {
  const accepted: Edit[] = [];
  for (const detector of DETECTORS) {
    for (const e of detector(text, ph)) {
      if (e.end <= e.start) continue;
      if (accepted.some((a) => a.start < e.end && e.start < a.end)) continue;
      accepted.push(e);
    }
  }
  return accepted;
}
