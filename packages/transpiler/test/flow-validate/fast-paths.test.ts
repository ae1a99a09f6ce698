import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitPath } from "../../src/dialects/flow/validate/check-paths.js";
import { tokenizeLiquid } from "../../src/dialects/flow/validate/liquid.js";
import type { Diagnostic } from "../../src/index.js";
import { runs } from "../laws.js";
import { action, chainDocument, validateJson } from "./support.js";

/**
 * The reader's definition, one regular expression per token: the tokenizer reads ASCII
 * names and operators without them, and must read exactly what these read.
 */
function referenceTokens(markup: string): unknown[] | undefined {
  const out: unknown[] = [];
  let i = 0;
  while (i < markup.length) {
    const c = markup.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = markup.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out.push({ t: "str", v: markup.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const id = /^[\p{L}_][\p{L}\p{N}_-]*\??/u.exec(markup.slice(i, i + 256));
    if (id !== null) {
      out.push({ t: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const num = /^-?[0-9]+(?:\.[0-9]+)?/.exec(markup.slice(i, i + 64));
    if (num !== null && !markup.startsWith("..", i + num[0].length - 1)) {
      out.push({ t: "num" });
      i += num[0].length;
      continue;
    }
    if (num !== null) {
      out.push({ t: "num" });
      i += (/^-?[0-9]+/.exec(num[0])?.[0] ?? "0").length;
      continue;
    }
    const op = /^(?:==|!=|<>|<=|>=|\.\.|[<>.|:,[\]()=])/.exec(
      markup.slice(i, i + 2),
    );
    if (op === null) return undefined;
    out.push({ t: "op", v: op[0] });
    i += op[0].length;
  }
  return out;
}

/** Pieces of Liquid markup, ASCII and not, including names at the 256-character cut. */
const markupPiece = fc.oneof(
  fc.constantFrom(
    "order",
    "email",
    "_x",
    "a-b",
    "empty?",
    ".",
    "..",
    "==",
    "!=",
    "<>",
    "<=",
    ">=",
    "<",
    ">",
    "=",
    "!",
    "|",
    ":",
    ",",
    "[",
    "]",
    "(",
    ")",
    "'s'",
    '"d"',
    "'",
    '"',
    "-",
    "-1",
    "1.5",
    "1..5",
    " ",
    "\t",
    "\n",
    "\u00a0",
    "é",
    "x\u00e9",
    "日本",
    "\ud83d\ude00",
    "\ud83d",
    "#",
    "{",
    "a".repeat(300),
    `${"b".repeat(255)}?`,
    `${"c".repeat(256)}?`,
  ),
  fc.string({ unit: "binary", maxLength: 4 }),
);

describe("fast paths read what the general readers read", () => {
  it(`Liquid tokens (${runs * 10} runs)`, () => {
    fc.assert(
      fc.property(fc.array(markupPiece, { maxLength: 12 }), (pieces) => {
        const markup = pieces.join("");
        expect(tokenizeLiquid(markup)).toEqual(referenceTokens(markup));
      }),
      { numRuns: runs * 10 },
    );
  });

  it(`environment paths (${runs * 10} runs)`, () => {
    const reference = (text: string): readonly string[] | undefined => {
      const t = text.trim();
      return /^[\p{L}_][\p{L}\p{N}_-]*(?:\.[\p{L}_][\p{L}\p{N}_?-]*|\[[^\]]*\])*$/u.test(
        t,
      )
        ? t.split(/\.|(?=\[)/)
        : undefined;
    };
    const piece = fc.oneof(
      fc.constantFrom(
        "order",
        ".",
        "[",
        "]",
        "[0]",
        '["k"]',
        "_",
        "-",
        "?",
        "1",
        " ",
        "é",
        "\ud83d",
        "a.b",
        "\n",
      ),
      fc.string({ unit: "binary", maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join("");
        expect(splitPath(text)).toEqual(reference(text));
      }),
      { numRuns: runs * 10 },
    );
  });
});

describe("a value repeated in one scope", () => {
  // Valid and invalid values of each kind the value checks read: templates, wrappers,
  // lists, a bare path field.
  const emails: readonly Readonly<Record<string, string>>[] = [
    { address: "{{ order.email }}", subject: "s", message: "m" },
    {
      address: "{{ order.emial }}",
      subject: "{{ order | json }}",
      message: "m",
    },
    {
      address: "a@example.com",
      subject: "{% if order.x %}",
      message: "{{ order.lineItems }}{{ order.lineItems[0].sku }}",
    },
  ];
  const tags: readonly Readonly<Record<string, string>>[] = [
    {
      order_id: '{"value":"{{ order.id }}","default_value":""}',
      tags: '["a"]',
    },
    { order_id: '{"value":"{{ order.ide }}","default_value":""}', tags: "vip" },
  ];
  const steps = [
    ...emails.map((c) => action("shopify::flow::send_email", c)),
    ...tags.map((c) => action("shopify::admin::add_order_tags", c)),
  ];

  /** A diagnostic without its step, to compare the same finding at two steps. */
  const unplaced = (d: Diagnostic): unknown => ({
    ...d,
    path: d.path?.slice(3),
  });

  it("is reported at every step that holds it, as a single step is", () => {
    const counts: number[] = [];
    for (const step of steps) {
      const once = validateJson(chainDocument([step]));
      counts.push(once.length);
      const thrice = validateJson(chainDocument([step, step, step]));
      expect(thrice.length).toBe(once.length * 3);
      for (const [k, n] of [
        [0, 1],
        [1, 2],
        [2, 3],
      ] as const) {
        const at = thrice.slice(k * once.length, (k + 1) * once.length);
        expect(at.map((d) => d.path?.slice(0, 3))).toEqual(
          once.map(() => ["root", "steps", n]),
        );
        expect(at.map(unplaced)).toEqual(once.map(unplaced));
      }
    }
    // The valid steps find nothing; each invalid one finds something.
    expect(counts.map((n) => n > 0)).toEqual([false, true, true, false, true]);
  });
});
