import type { Catalog, Result } from "@flowpy/transpiler";
import { createJudge } from "../eval/judge/create-judge.js";
import {
  defaultJudgePromptVersion,
  judgePromptTemplate,
} from "../eval/judge/judge-prompt.js";
import type { Judge } from "../eval/judge/judge-score.js";
import type { ChatClient } from "../llm/chat-client.js";
import { sdkCodes } from "../sdk-codes.js";

/** The faceted judge a week is scored with (`createJudge` behind `client`), and its settings. */
export interface FlywheelJudgeSettings {
  readonly client: ChatClient;
  /** A released prompt version (`judge-facets/v1`, …); the newest by default. */
  readonly promptVersion?: string;
  /** Self-consistency: samples per conversation, majority kept (1 by default). */
  readonly samples?: number;
  readonly seed?: number;
  readonly temperature?: number;
  readonly maxRepairs?: number;
}

/**
 * Who judged a week: the model, the prompt version and its sha256 (known before any request,
 * from the released template), and the settings as given. Part of the week's input hash, so
 * a re-run with another judge or other settings is a changed week, not a no-op.
 */
export interface FlywheelJudgeIdentity {
  /** `judge:<model>@<prompt version>`, the judge's own id. */
  readonly id: string;
  readonly model: string;
  readonly promptVersion: string;
  readonly promptSha256: string;
  /** The settings given (absent: the judge's default). */
  readonly samples?: number;
  readonly seed?: number;
  readonly temperature?: number;
  readonly maxRepairs?: number;
}

/** The real faceted judge for a week, rating every facet, and its identity. */
export function flywheelJudge(
  settings: FlywheelJudgeSettings,
  catalog: Catalog,
): Result<{
  readonly judge: Judge;
  readonly identity: FlywheelJudgeIdentity;
}> {
  const promptVersion = settings.promptVersion ?? defaultJudgePromptVersion;
  const template = judgePromptTemplate(promptVersion);
  if (template === undefined)
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.flywheelJudgeUnavailable,
          severity: "error",
          message: `the judge prompt version ${JSON.stringify(promptVersion)} is not a released one`,
        },
      ],
    };
  const optional = {
    ...(settings.samples === undefined ? {} : { samples: settings.samples }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.temperature === undefined
      ? {}
      : { temperature: settings.temperature }),
    ...(settings.maxRepairs === undefined
      ? {}
      : { maxRepairs: settings.maxRepairs }),
  };
  const judge = createJudge(settings.client, {
    promptVersion,
    catalog,
    ...optional,
  });
  return {
    ok: true,
    value: {
      judge,
      identity: {
        id: judge.id,
        model: settings.client.model,
        promptVersion,
        promptSha256: template.sha256,
        ...optional,
      },
    },
    diagnostics: [],
  };
}
