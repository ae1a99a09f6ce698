import type { Catalog, Compiler } from "@flowpy/transpiler";
import type { EvalExample } from "../eval-set/eval-example.js";
import {
  conversationTags,
  type ConversationTags,
} from "../slices/conversation-tags.js";

/**
 * The tags an example is sliced by: `conversationTags` of the example's request and of its
 * reference workflow, or, for an example without one (a question to decline), of the
 * model's final submission when it compiles.
 *
 * The reference wins over the submission so that an example sits in the same slices in
 * every run: paired comparisons and `regressedSlices` match examples within a slice, and a
 * model that drops the email action must count as failing the email slice, not leave it.
 * The request kind is the eval set's own `kind` (it is stated there, not guessed); the
 * heuristic in `conversationTags` is for production conversations that carry no such label.
 */
export function exampleSliceTags(
  example: EvalExample,
  finalPython: string | undefined,
  env: { readonly catalog: Catalog; readonly compiler: Compiler },
): ConversationTags {
  const workflow =
    example.reference ??
    (finalPython === undefined
      ? undefined
      : env.compiler.compile(finalPython).workflow);
  const conversation = example.messages.map((content) => ({
    role: "user" as const,
    content,
  }));
  return {
    ...conversationTags(
      workflow === undefined ? { conversation } : { conversation, workflow },
      env.catalog,
    ),
    requestKind: example.kind,
  };
}
