/**
 * The bridge's stable diagnostic codes. Codes never change meaning once released; messages
 * may be reworded. Grouped by the layer that reports them; each section belongs to one area.
 */
export const codes = {
  // input documents (spec, dataset card, manifest, serving config files)
  jsonSyntax: "json-syntax", // a file is not valid JSON
  // training spec
  specInvalid: "spec-invalid", // a field of the training spec has the wrong type, value or is unknown
  specInconsistent: "spec-inconsistent", // fields disagree (batch arithmetic, template hash vs dataset facts)
  // dataset facts (read from a dataset card)
  datasetFactsInvalid: "dataset-facts-invalid", // the dataset card lacks or misstates a fact the bridge needs
  // planner
  planDoesNotFit: "plan-does-not-fit", // the per-GPU memory estimate exceeds the GPU's memory
  planTruncates: "plan-truncates", // dataset rows longer than the max sequence length will be cut
  planUnknownModel: "plan-unknown-model", // no shape table for the base model, so no estimate
  // serving
  servingTemplateMismatch: "serving-template-mismatch", // the serving chat template differs from the training one
  servingToolParserMismatch: "serving-tool-parser-mismatch", // the tool-call parser does not read the trained tool-call format
  servingThinkingMismatch: "serving-thinking-mismatch", // thinking mode / reasoning parser differ from the training rows
  servingGenerationMismatch: "serving-generation-mismatch", // sampling defaults or stop tokens differ from the trained checkpoint's
  servingInvalidOptions: "serving-invalid-options", // a serving option is out of range (tensor parallelism, context, utilisation)
  servingDoesNotFit: "serving-does-not-fit", // the weights leave no room for the KV cache at the chosen utilisation
  servingConfigInvalid: "serving-config-invalid", // a serving.json document lacks the fields parity or a manifest needs
  // run manifest
  manifestInvalid: "manifest-invalid", // the manifest document does not match its schema
  manifestHashMismatch: "manifest-hash-mismatch", // a recorded hash does not match the content it names
  manifestInconsistent: "manifest-inconsistent", // dataset, spec, checkpoint and serving config name different things
  // command line
  cliUsage: "cli-usage", // bad command line (exit status 2)
  cliIo: "cli-io", // a file could not be read or written
  // a bug in the bridge, reported instead of thrown so the CLI never prints a stack trace
  internalError: "internal-error",
  // job emitters (launcher, TrainJob, PyTorchJob, sbatch, SkyPilot, Tangle)
  emitUnsupported: "emit-unsupported", // the spec asks for something the job files cannot express
  emitInvalidOptions: "emit-invalid-options", // an engine option is out of range or malformed
  // submitters (Slurm CLI, slurmrestd, Kubernetes)
  submitRejected: "submit-rejected", // the engine refused the job (bad request, quota, conflict)
  submitUnauthorized: "submit-unauthorized", // the engine refused the credentials (401/403, munge, token)
  submitNotFound: "submit-not-found", // the engine does not know the job (or its logs)
  submitTransport: "submit-transport", // the engine could not be reached or answered garbage
  submitCommandFailed: "submit-command-failed", // a Slurm command exited non-zero
} as const;

export type DiagnosticCode = (typeof codes)[keyof typeof codes];
