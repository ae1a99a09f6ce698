import { codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "@flowpy/sdk";
import { error } from "../diagnostics/diagnostic.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import type { LaunchOptions } from "./launch-options.js";

/**
 * What the launcher cannot express for a spec that is otherwise valid. Pre-tokenized rows
 * always carry `assistant_masks`, and TRL's collator applies them whenever the column exists,
 * so a loss on every token would need rows without masks: refuse rather than train the wrong
 * objective silently.
 */
export function launchProblems(
  spec: TrainingSpec,
  options: LaunchOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!spec.hyperparameters.assistantOnlyLoss)
    out.push(
      error(
        codes.emitUnsupported,
        "a loss on all tokens is not supported: the pre-tokenized rows carry assistant_masks, which TRL always applies",
        {
          path: ["hyperparameters", "assistantOnlyLoss"],
          hint: "set assistantOnlyLoss to true",
        },
      ),
    );
  if (
    !Number.isInteger(options.rdzvPort) ||
    options.rdzvPort < 1 ||
    options.rdzvPort > 65535
  )
    out.push(
      error(
        codes.emitInvalidOptions,
        `rendezvous port ${options.rdzvPort} is not a TCP port`,
        { path: ["launch", "rdzvPort"] },
      ),
    );
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(options.entryModule))
    out.push(
      error(
        codes.emitInvalidOptions,
        `entry module "${options.entryModule}" is not a Python module name`,
        { path: ["launch", "entryModule"] },
      ),
    );
  return out;
}
