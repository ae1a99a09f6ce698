/**
 * Stable diagnostic codes of the SDK's rendering, tokenization and dataset layers (the
 * transpiler's catalogue lives in its own package; these never reuse its codes).
 */
export const renderCodes = {
  /** A tool call's `arguments` text is not JSON; vLLM's `json.loads` would reject the request. */
  invalidJson: "render-invalid-json",
  /** A string holds a lone UTF-16 surrogate, which the tokenizer cannot encode as UTF-8. */
  loneSurrogate: "render-lone-surrogate",
  /** A number is NaN or infinite; JSON cannot carry it to the server. */
  nonFiniteNumber: "render-non-finite-number",
  /** A tool schema number that `@huggingface/jinja` would spell differently from Python (below 1e-4). */
  floatSpelling: "render-float-spelling",
  /** A tool or tool-call name outside `[A-Za-z0-9_-]`; the template splices names raw into JSON. */
  toolName: "render-tool-name",
  /** The chat template failed on the conversation (e.g. no messages at all). */
  templateError: "render-template-error",
  /** Rendering a prefix of the conversation is not a prefix of the whole, so a turn cannot be located. */
  prefixUnstable: "render-prefix-unstable",
  /** A training row has no assistant turn, so nothing would be learned from it. */
  noAssistantTurn: "render-no-assistant-turn",
  /** A dataset row or serving file is not in the expected shape. */
  invalidRow: "dataset-invalid-row",
} as const;
