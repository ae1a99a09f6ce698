import { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import { formatJsonPath, type Diagnostic, type Result } from "@flowpy/sdk";
import { error } from "../diagnostics/diagnostic.js";
import { sha256Hex } from "@flowpy/sdk";
import { canonicalJson } from "../format/canonical-json.js";
import {
  GenerationDefaults,
  type DatasetFacts,
} from "../spec/dataset-facts.js";
import { parseJsonText, validate } from "../spec/validate.js";
import {
  QWEN3_REASONING_PARSER,
  templateKwargsFor,
  toolParserFor,
} from "./serving-config.js";

/** The parts of a serving config that decide how prompts render and how sampling defaults. */
export const ParitySubject = z.object({
  chatTemplate: z.object({ sha256: z.string(), text: z.string() }),
  vllm: z.object({
    "generation-config": z.string(),
    "enable-auto-tool-choice": z.boolean().optional(),
    "tool-call-parser": z.string().optional(),
    "reasoning-parser": z.string().optional(),
    "default-chat-template-kwargs": z
      .object({ enable_thinking: z.boolean() })
      .optional(),
  }),
  generation: GenerationDefaults,
});
export type ParitySubject = z.infer<typeof ParitySubject>;

export type ParityKind =
  "chat-template" | "tool-parser" | "thinking" | "generation";

/** One way the server would render or sample differently from the training rows. */
export interface ParityDifference {
  readonly kind: ParityKind;
  /** The serving setting, as a JSON path into the serving config. */
  readonly path: readonly (string | number)[];
  readonly expected: string;
  readonly actual: string;
}

export interface ParityReport {
  readonly ok: boolean;
  readonly differences: readonly ParityDifference[];
  readonly diagnostics: readonly Diagnostic[];
}

const codeFor = {
  "chat-template": codes.servingTemplateMismatch,
  "tool-parser": codes.servingToolParserMismatch,
  thinking: codes.servingThinkingMismatch,
  generation: codes.servingGenerationMismatch,
} as const satisfies Record<ParityKind, string>;

const show = (v: unknown): string =>
  v === undefined ? "(unset)" : canonicalJson(v);

/**
 * Compares a serving config with the facts of the dataset the checkpoint was trained on and
 * lists every difference that would change rendered prompts or sampling defaults.
 */
export function checkServingParity(
  config: ParitySubject,
  facts: DatasetFacts,
): ParityReport {
  const differences: ParityDifference[] = [];
  const differ = (
    kind: ParityKind,
    path: readonly (string | number)[],
    expected: unknown,
    actual: unknown,
  ): void => {
    differences.push({
      kind,
      path,
      expected: show(expected),
      actual: show(actual),
    });
  };

  // Template: the bytes that will be served, not just the hash recorded beside them.
  const servedSha = sha256Hex(config.chatTemplate.text);
  if (servedSha !== config.chatTemplate.sha256)
    differ(
      "chat-template",
      ["chatTemplate", "sha256"],
      servedSha,
      config.chatTemplate.sha256,
    );
  if (servedSha !== facts.chatTemplate.sha256)
    differ(
      "chat-template",
      ["chatTemplate", "text"],
      facts.chatTemplate.sha256,
      servedSha,
    );

  // Tool calls: the parser must read the format the model was trained to emit.
  const v = config.vllm;
  const parser = toolParserFor[facts.toolCallFormat];
  if (v["tool-call-parser"] !== parser)
    differ(
      "tool-parser",
      ["vllm", "tool-call-parser"],
      parser,
      v["tool-call-parser"],
    );
  const autoChoice = parser === undefined ? undefined : true;
  if ((v["enable-auto-tool-choice"] || undefined) !== autoChoice)
    differ(
      "tool-parser",
      ["vllm", "enable-auto-tool-choice"],
      autoChoice,
      v["enable-auto-tool-choice"],
    );

  // Thinking: the server-wide default must render the prompt's think block as training did,
  // and reasoning must be split out wherever the model was trained to think.
  const expectedKwargs = templateKwargsFor[facts.thinking];
  const actualKwargs = v["default-chat-template-kwargs"];
  const effectiveThinking = actualKwargs?.enable_thinking ?? true;
  const kwargsDiffer =
    facts.thinking === "per-row"
      ? actualKwargs !== undefined
      : effectiveThinking !== (expectedKwargs?.enable_thinking ?? true);
  if (kwargsDiffer)
    differ(
      "thinking",
      ["vllm", "default-chat-template-kwargs"],
      expectedKwargs,
      actualKwargs,
    );
  if (
    facts.thinking !== "disabled" &&
    v["reasoning-parser"] !== QWEN3_REASONING_PARSER
  )
    differ(
      "thinking",
      ["vllm", "reasoning-parser"],
      QWEN3_REASONING_PARSER,
      v["reasoning-parser"],
    );

  // Generation defaults: vLLM applies the checkpoint's file only with `auto`.
  if (v["generation-config"] !== "auto")
    differ(
      "generation",
      ["vllm", "generation-config"],
      "auto",
      v["generation-config"],
    );
  const keys = [
    ...new Set([
      ...Object.keys(facts.generation),
      ...Object.keys(config.generation),
    ]),
  ].sort() as (keyof GenerationDefaults)[];
  for (const key of keys) {
    const expected = facts.generation[key];
    const actual = config.generation[key];
    if (canonicalJson(expected ?? null) !== canonicalJson(actual ?? null))
      differ("generation", ["generation", key], expected, actual);
  }

  const diagnostics = differences.map((d) =>
    error(
      codeFor[d.kind],
      `${d.kind} differs at ${formatJsonPath(d.path)}: serving has ${d.actual}, the training rows need ${d.expected}`,
      { path: d.path },
    ),
  );
  return { ok: differences.length === 0, differences, diagnostics };
}

/** Reads the parity-relevant part of a serving config JSON (as `flowpy-train serve config` writes it). */
export function readParitySubject(text: string): Result<ParitySubject> {
  const parsed = parseJsonText(text);
  return parsed.ok
    ? validate(ParitySubject, parsed.value, codes.servingConfigInvalid)
    : parsed;
}
