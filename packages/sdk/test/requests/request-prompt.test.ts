import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRequests,
  defaultRequestPromptVersion,
  readRequestAnswer,
  renderRequestPrompt,
  requestLengthBounds,
  requestPromptSha256,
  requestPromptTemplate,
  requestPromptTemplates,
  requestStyles,
  type RequestStyle,
  type StyledText,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

describe("request prompt templates", () => {
  it("pin the sha256 of their text, so an edit needs a new version", () => {
    for (const t of requestPromptTemplates)
      expect(requestPromptSha256(t), t.version).toBe(t.sha256);
    const versions = requestPromptTemplates.map((t) => t.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(requestPromptTemplate(defaultRequestPromptVersion)).toBe(
      requestPromptTemplates.at(-1),
    );
    expect(requestPromptTemplate("request-synthesis/v0")).toBeUndefined();
  });

  it("describe every style with the length bounds the answers are checked against", () => {
    for (const t of requestPromptTemplates)
      for (const style of requestStyles) {
        const { min, max } = requestLengthBounds[style];
        expect(t.user, `${t.version} ${style}`).toContain(
          `- ${style} (${min}-${max} characters)`,
        );
      }
  });

  it("fill placeholders once: workflow text that looks like a placeholder or Liquid stays as it is", () => {
    const t = requestPromptTemplate(defaultRequestPromptVersion);
    if (t === undefined) throw new Error("no default template");
    const python =
      'shopify.admin.add_order_tags(tags=["<<count>>", "{{ order.name }}", "<<styles>>"])\n';
    const messages = renderRequestPrompt(
      t,
      { python, tasks: ["Trigger: Order created", "Action: Add order tags"] },
      ["terse", "vague", "terse"],
    );
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    const user = messages[1]?.content ?? "";
    expect(user).toContain(python.trimEnd());
    expect(user).toContain(
      "- Trigger: Order created\n- Action: Add order tags",
    );
    expect(user).toContain("Write 3 different requests");
    expect(user).toContain("1. terse\n2. vague\n3. terse");
    expect(user.replace(python.trimEnd(), "")).not.toMatch(/<<[a-z]+>>/);
  });
});

const styleArb = fc.constantFrom(...requestStyles);
/** Plain request texts of a length every style accepts. */
const textArb = fc
  .stringMatching(/^[A-Za-z][A-Za-z ,.'!?-]{39,200}$/)
  .filter((t) => t.trim().length >= 40 && !/^(def|import|from)\s/.test(t));

describe("checking a writer's answer", () => {
  it("accepts distinct plain requests in any order and returns them in the order asked", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(styleArb, textArb), {
          minLength: 1,
          maxLength: 8,
          selector: ([, t]) =>
            t
              .toLowerCase()
              .replace(/[^a-z]+/g, " ")
              .trim(),
        }),
        (pairs) => {
          const given: StyledText[] = pairs.map(([style, text]) => ({
            style,
            text,
          }));
          const asked = [...given]
            .map((g) => g.style)
            .sort()
            .reverse();
          const checked = checkRequests(given, asked);
          expect(checked.ok).toBe(true);
          if (!checked.ok) return;
          expect(checked.requests.map((r) => r.style)).toEqual(asked);
          expect(checked.requests.map((r) => r.text).sort()).toEqual(
            given.map((g) => g.text.trim()).sort(),
          );
        },
      ),
      { numRuns: runs },
    );
  });

  it("names every problem: wrong styles, code, lengths, repeats", () => {
    const ok = "Tag every order over 100 dollars as VIP when it is created.";
    const check = (given: StyledText[], asked: RequestStyle[]) => {
      const checked = checkRequests(given, asked);
      return checked.ok ? [] : checked.problems;
    };
    expect(check([{ style: "terse", text: ok }], ["vague"])).toEqual([
      "1 terse request instead of 0",
      "0 vague requests instead of 1",
    ]);
    expect(
      check(
        [{ style: "detailed", text: `${ok}\n\`\`\`python\nx = 1\n\`\`\`` }],
        ["detailed"],
      ),
    ).toEqual(["request 1 (detailed) contains a code block"]);
    expect(
      check(
        [
          {
            style: "detailed",
            text: `${ok} Then call shopify.admin.add_order_tags(tags=["VIP"]).`,
          },
        ],
        ["detailed"],
      ),
    ).toEqual(["request 1 (detailed) contains a Python call"]);
    expect(check([{ style: "terse", text: "   " }], ["terse"])).toEqual([
      "request 1 (terse) has 0 characters, outside 10-280",
    ]);
    expect(
      check([{ style: "terse", text: "x".repeat(281) }], ["terse"]),
    ).toEqual(["request 1 (terse) has 281 characters, outside 10-280"]);
    expect(
      check(
        [
          { style: "terse", text: ok },
          { style: "vague", text: ok.toUpperCase().replace(/ /g, "  ") },
        ],
        ["terse", "vague"],
      ),
    ).toEqual(["request 2 repeats request 1"]);
  });

  it("reads the JSON answer through thinking, code fences and a bare list", () => {
    const item = { style: "terse", text: "Tag big orders as VIP please." };
    const object = JSON.stringify({ requests: [item] });
    for (const content of [
      object,
      `<think>\nLet me see.\n</think>\n\n${object}`,
      `\`\`\`json\n${object}\n\`\`\``,
      `Here you go:\n${object}\nHope that helps.`,
      JSON.stringify([item]),
    ])
      expect(readRequestAnswer(content), content).toEqual({ requests: [item] });
    expect(readRequestAnswer("no json here")).toEqual({
      problem: "the answer is not a JSON object",
    });
    expect(readRequestAnswer('{"answers": 1}')).toEqual({
      problem: 'the answer has no "requests" list',
    });
    expect(
      readRequestAnswer('{"requests": [{"style": "poetic", "text": "x"}]}'),
    ).toEqual({ problem: 'request 1 has the unknown style "poetic"' });
    expect(readRequestAnswer('{"requests": [{"style": "terse"}]}')).toEqual({
      problem: 'request 1 is not {"style": …, "text": …}',
    });
  });
});
