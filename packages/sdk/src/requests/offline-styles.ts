import { sha256Hex } from "../sha256-hex.js";
import {
  describeCondition,
  pathWords,
} from "../trajectory/describe-condition.js";
import { offlineRequestWriter } from "../trajectory/request-writer.js";
import { seededPick } from "../trajectory/seeded-choice.js";
import { stepHighlights } from "../trajectory/step-highlights.js";
import type { WorkflowFacts } from "../trajectory/workflow-facts.js";
import { requestLengthBounds, type RequestStyle } from "./request-style.js";

/**
 * The phrases of the offline styles, as data: their hash is the offline writer's
 * `promptSha256`, so changing a phrase shows in every row's lineage. The detailed style is
 * the trajectory builder's own `offlineRequestWriter`, so both describe a workflow alike.
 */
export const offlinePhrases = {
  /** Around a request, so that a style asked for several times still finds new phrasings. */
  framing: {
    terse: {
      before: ["", "quick one: ", "hey, "],
      after: ["", " thx", " pls"],
    },
    detailed: {
      before: ["", "Hi! ", "Hello! ", "Quick request: "],
      after: ["", " Thanks!", " Thank you.", " Thanks a lot."],
    },
    non_native: { before: [""], after: [""] },
    vague: {
      before: ["", "Hi, ", "Hey, "],
      after: ["", " Thanks!", " Let me know."],
    },
  },
  terse: [
    "<trigger>: <actions><condition>.",
    "When <trigger>, <actions><condition>.",
    "Flow please: on <trigger>, <actions><condition>.",
    "Need a workflow on <trigger> to <actions><condition>.",
  ],
  terseCondition: " if <condition>",
  terseConditionLong: " when my condition matches",
  terseMore: ", plus a few more steps",
  nonNativeOpening: [
    "Hello, I want make one workflow for my shop.",
    "Hi, please help me to create flow for the store.",
    "Good day. I need automation in Shopify Flow, can you do it?",
    "Hello team, I am looking to make a flow please.",
  ],
  nonNativeTrigger: [
    "It must start when <trigger>.",
    "Start is when <trigger> happen.",
    "When <trigger>, flow should begin.",
  ],
  nonNativeCondition: [
    "Then it check if <condition>.",
    "Only if <condition>, it continue.",
    "After it must to look if <condition>.",
  ],
  nonNativeOtherwise: ["If not, <step>", "In other case, <step>"],
  nonNativeAction: [
    'After, it do "<action>"<details>.',
    'Then please make "<action>"<details>.',
    'Next step is "<action>"<details>.',
  ],
  nonNativeLoop: [
    "For every of <list> it go one by one.",
    "It take each one from <list>.",
  ],
  nonNativeWait: [
    "Then wait little bit<details>.",
    "After this, waiting<details>.",
  ],
  nonNativeMore: "And some more steps same like this.",
  nonNativeClosing: [
    "Thank you very much!",
    "Please tell me if is possible.",
    "Thanks in advance for help.",
    "Is it possible? Thank you.",
  ],
  vague: [
    "Can you set something up so that on <trigger>, it will <actions><condition>? Not sure about the details yet.",
    "I'd like some automation around <trigger>, basically to <actions><condition>.",
    "On <trigger>, I want it to <actions><condition> automatically, if that makes sense.",
    "Could you make something for <trigger> that would <actions><condition>? You can pick the details.",
  ],
  vagueCondition: [
    " but only in some cases",
    " for the ones that matter",
    " when it makes sense",
  ],
  vagueMore: " and a couple of other things",
  vagueNoAction: "keep an eye on things",
} as const;

export const OFFLINE_REQUESTS_VERSION = "offline-requests/v1";

/** sha256 of the phrase tables (computed from constant data, so fixed for a build). */
export const offlinePhrasesSha256 = sha256Hex(JSON.stringify(offlinePhrases));

/** How many steps a non-native request spells out before it sums up the rest. */
const NON_NATIVE_STEPS = 8;

type StyleWriter = (facts: WorkflowFacts, seed: number) => string;

/** `write` with the style's framing picked with the seed, when it stays within bounds. */
function framed(style: RequestStyle, write: StyleWriter): StyleWriter {
  return (facts, seed) => {
    const text = write(facts, seed);
    const { before, after } = offlinePhrases.framing[style];
    const head = seededPick(seed, `request.${style}.before`, before);
    const tail = seededPick(seed, `request.${style}.after`, after);
    const out = `${head}${head.endsWith(", ") || head.endsWith(": ") ? lowerFirst(text) : text}${tail}`;
    return out.length <= requestLengthBounds[style].max ? out : text;
  };
}

/** The styles' texts before framing. */
const styleBodies = {
  terse: (facts, seed) => {
    const outline = outlineOf(facts);
    const actions = actionList(outline, 2, offlinePhrases.terseMore);
    const [first] = outline.conditions;
    const write = (condition: string): string =>
      fill(seededPick(seed, "request.terse", offlinePhrases.terse), {
        trigger: outline.trigger,
        actions,
        condition,
      });
    const full =
      first === undefined
        ? ""
        : offlinePhrases.terseCondition.replace("<condition>", first);
    const text = write(full);
    return text.length <= requestLengthBounds.terse.max
      ? text
      : write(first === undefined ? "" : offlinePhrases.terseConditionLong);
  },
  detailed: (facts, seed) => offlineRequestWriter.create(facts, seed),
  non_native: (facts, seed) => {
    const outline = outlineOf(facts);
    const pick = (purpose: string, options: readonly string[]): string =>
      seededPick(seed, `request.non_native.${purpose}`, options);
    const head = [
      pick("opening", offlinePhrases.nonNativeOpening),
      fill(pick("trigger", offlinePhrases.nonNativeTrigger), {
        trigger: outline.trigger,
      }),
    ];
    const closing = pick("closing", offlinePhrases.nonNativeClosing);
    const body = facts.steps.slice(1).map((s, i) => {
      const sentence = nonNativeStep(s, seed, i);
      return s.via === "false"
        ? fill(pick(`otherwise.${i}`, offlinePhrases.nonNativeOtherwise), {
            step: lowerFirst(sentence),
          })
        : sentence;
    });
    const room =
      requestLengthBounds.non_native.max -
      [...head, closing, offlinePhrases.nonNativeMore].join(" ").length -
      2;
    const kept: string[] = [];
    for (const sentence of body.slice(0, NON_NATIVE_STEPS)) {
      if ([...kept, sentence].join(" ").length > room) break;
      kept.push(sentence);
    }
    const more =
      kept.length < body.length ? [offlinePhrases.nonNativeMore] : [];
    return [...head, ...kept, ...more, closing].join(" ");
  },
  vague: (facts, seed) => {
    const outline = outlineOf(facts);
    return fill(seededPick(seed, "request.vague", offlinePhrases.vague), {
      trigger: outline.trigger,
      actions:
        outline.actions.length === 0
          ? offlinePhrases.vagueNoAction
          : actionList(outline, 1, offlinePhrases.vagueMore),
      condition:
        outline.conditions.length === 0
          ? ""
          : seededPick(
              seed,
              "request.vague.condition",
              offlinePhrases.vagueCondition,
            ),
    });
  },
} as const satisfies Record<RequestStyle, StyleWriter>;

/**
 * Writes one request of each style from a workflow's facts: only the trigger, conditions,
 * loops, waits and actions with their catalog labels and short settings; never code.
 */
export const offlineStyleWriters = {
  terse: framed("terse", styleBodies.terse),
  detailed: framed("detailed", styleBodies.detailed),
  non_native: framed("non_native", styleBodies.non_native),
  vague: framed("vague", styleBodies.vague),
} as const satisfies Record<RequestStyle, StyleWriter>;

interface Outline {
  /** The trigger's label with a lowercase first word (`order created`). */
  readonly trigger: string;
  readonly conditions: readonly string[];
  readonly actions: readonly string[];
}

function outlineOf(facts: WorkflowFacts): Outline {
  const trigger = facts.steps.find((s) => s.task.task_type === "TRIGGER");
  return {
    trigger:
      trigger === undefined ? "its trigger" : lowerFirst(trigger.task.label),
    conditions: facts.steps.flatMap((s) =>
      s.condition === undefined ? [] : [describeCondition(s.condition)],
    ),
    actions: [
      ...new Set(
        facts.steps
          .filter((s) => s.task.task_type === "ACTION")
          .map((s) => lowerFirst(s.task.label)),
      ),
    ],
  };
}

function actionList(outline: Outline, most: number, more: string): string {
  if (outline.actions.length === 0) return "run the checks";
  const named = outline.actions.slice(0, most).join(" and ");
  return outline.actions.length > most ? `${named}${more}` : named;
}

function nonNativeStep(
  s: WorkflowFacts["steps"][number],
  seed: number,
  i: number,
): string {
  const pick = (options: readonly string[]): string =>
    seededPick(seed, `request.non_native.step.${i}`, options);
  const details = (): string => {
    const h = stepHighlights(s.step, s.task);
    return h.length > 0 ? ` with ${h.join(" and ")}` : "";
  };
  switch (s.task.task_type) {
    case "CONDITION":
      return fill(pick(offlinePhrases.nonNativeCondition), {
        condition:
          s.condition === undefined
            ? "it is right"
            : describeCondition(s.condition),
      });
    case "FOREACH": {
      const list = s.step.config.find((c) => c.fieldId === "listpath")?.value;
      return fill(pick(offlinePhrases.nonNativeLoop), {
        list: list === undefined ? "the list" : pathWords(list),
      });
    }
    case "WAIT":
      return fill(pick(offlinePhrases.nonNativeWait), { details: details() });
    case "TRIGGER":
    case "ACTION":
      return fill(pick(offlinePhrases.nonNativeAction), {
        action: s.task.label,
        details: details(),
      });
  }
}

/** `Order created` → `order created`, but `API request` stays (an acronym). */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text)
    ? `${text[0]?.toLowerCase() ?? ""}${text.slice(1)}`
    : text;
}

function fill(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  return template.replace(
    /<([a-z]+)>/g,
    (whole, name: string) => values[name] ?? whole,
  );
}
