/** Thrown only for broken invariants inside the library, never for bad user input. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** Thrown only by the optional throwing wrappers (`…OrThrow`) around Result-returning APIs. */
export class TranspileError extends Error {
  override readonly name = "TranspileError";
  readonly diagnostics: readonly import("./diagnostic.js").Diagnostic[];
  constructor(
    message: string,
    diagnostics: readonly import("./diagnostic.js").Diagnostic[],
  ) {
    super(message);
    this.diagnostics = diagnostics;
  }
}

export function assertNever(value: never, what = "value"): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
