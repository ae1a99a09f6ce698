import type { Diagnostic, Result } from "@flowpy/transpiler";
import type { SdkCode } from "../../sdk-codes.js";

export function statError(code: SdkCode, message: string): Diagnostic {
  return { code, severity: "error", message };
}

export function statWarning(code: SdkCode, message: string): Diagnostic {
  return { code, severity: "warning", message };
}

export function failWith<T>(code: SdkCode, message: string): Result<T> {
  return { ok: false, diagnostics: [statError(code, message)] };
}

/** A confidence level must be strictly between 0 and 1. */
export function isLevel(level: number): boolean {
  return Number.isFinite(level) && level > 0 && level < 1;
}

/** The index of the first value that is not a finite number, or -1. */
export function firstNonFinite(values: readonly number[]): number {
  return values.findIndex((v) => !Number.isFinite(v));
}
