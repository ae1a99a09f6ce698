import { codes } from "../diagnostics/codes.js";

/** The codes `extractPython` reports (entries of the shared catalogue `codes.ts`). */
export const modelOutputCodes = {
  /** Nothing but whitespace, or an empty code block. */
  empty: codes.modelOutputEmpty,
  /** A Markdown code fence (``` or ~~~) was removed. */
  fenced: codes.modelOutputFenced,
  /** A code fence was opened but never closed: the output is probably truncated. */
  unclosedFence: codes.modelOutputUnclosedFence,
  /** Several code blocks: one was chosen, the others ignored. */
  severalBlocks: codes.modelOutputSeveralBlocks,
  /** Natural-language text before or after the code was removed. */
  prose: codes.modelOutputProse,
  /** The code was taken out of a tool-call JSON object. */
  toolCall: codes.modelOutputToolCall,
  /** The output is a workflow in the JSON DSL, not Python. */
  jsonWorkflow: codes.modelOutputJsonWorkflow,
} as const;

export type ModelOutputCode =
  (typeof modelOutputCodes)[keyof typeof modelOutputCodes];
