import { codes } from "../diagnostics/codes.js";
import type { Diagnostic, JsonPath } from "@flowpy/sdk";
import { error } from "../diagnostics/diagnostic.js";

/** Small checks for engine options; each returns the diagnostics for one field. */
export function checkAbsolutePath(value: string, path: JsonPath): Diagnostic[] {
  return /^\/[^\s%'"\\$`]*$/.test(value)
    ? []
    : [
        error(
          codes.emitInvalidOptions,
          `"${value}" must be an absolute path without spaces, quotes, '%', '$' or backslashes`,
          { path },
        ),
      ];
}

export function checkName(
  value: string | undefined,
  path: JsonPath,
  what: string,
): Diagnostic[] {
  if (value === undefined || /^[A-Za-z0-9_.-]+$/.test(value)) return [];
  return [
    error(
      codes.emitInvalidOptions,
      `${what} "${value}" may only contain letters, digits, '_', '.' and '-'`,
      { path },
    ),
  ];
}

export function checkPositiveInt(
  value: number | undefined,
  path: JsonPath,
  what: string,
): Diagnostic[] {
  if (value === undefined || (Number.isInteger(value) && value > 0)) return [];
  return [
    error(
      codes.emitInvalidOptions,
      `${what} must be a positive integer, not ${value}`,
      {
        path,
      },
    ),
  ];
}

export function checkHost(
  value: string | undefined,
  path: JsonPath,
): Diagnostic[] {
  if (value === undefined || /^[A-Za-z0-9_.:-]+$/.test(value)) return [];
  return [
    error(
      codes.emitInvalidOptions,
      `"${value}" is not a host name or address`,
      {
        path,
      },
    ),
  ];
}
