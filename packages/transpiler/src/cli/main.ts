#!/usr/bin/env node
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { formatJsonPath, type Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnostic } from "../diagnostics/render-diagnostic.js";
import { checkRoundTrip, type RoundTripReport } from "../core/round-trip.js";
import { documentForms, type DocumentForm } from "../core/document-form.js";
import { jsonToPython, pythonToJson } from "../core/transpile.js";
import type { Trivia } from "../core/trivia.js";
import { flowDialect } from "../dialects/flow/flow-dialect.js";
import { findWorkflowFiles } from "./find-workflow-files.js";
import {
  findPluginCommand,
  missingPluginMessage,
  runPluginCommand,
} from "./plugin-command.js";

const USAGE = `flowpy — Flow workflow JSON <-> Python

Usage:
  flowpy to-python <workflow.json|.flow> [-o out.py] [--trivia out.trivia.json]
  flowpy to-json <workflow.py> [--trivia in.trivia.json] [--form agent|iac|export] [-o out.json]
  flowpy roundtrip <files or directories...> [--json] [--accept-rejection CODE]...

roundtrip checks every *.json / *.flow document (directories are searched recursively,
skipping _errors_ folders and the corpus metadata files *.trivia.json, expect.json,
validation.json, MANIFEST.json): JSON -> Python -> JSON must give the same tokens with trivia,
a canonically equal workflow without trivia, and the same Python when printed again.
Exit status: 0 all passed, 1 a document failed or was rejected, 2 usage error.

Any other command X runs the executable flowpy-X (git style: the nearest node_modules/.bin
from the current folder upwards, then PATH) with the remaining arguments and its exit status;
e.g. flowpy dataset build … runs flowpy-dataset build … from @flowpy/sdk.`;

interface Args {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const withValue = new Set(["-o", "--trivia", "--form", "--accept-rejection"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (withValue.has(a)) {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      flags.set(a, [...(flags.get(a) ?? []), v]);
    } else if (a.startsWith("-")) flags.set(a, ["true"]);
    else positional.push(a);
  }
  return { positional, flags };
}

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A usage problem: reported with the usage text and exit status 2. */
class UsageError extends Error {
  override readonly name = "UsageError";
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

function usage(message?: string): never {
  throw new UsageError(message ?? "");
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
}

function report(
  io: CliIo,
  diagnostics: readonly Diagnostic[],
  file: string,
  source: string,
): void {
  for (const d of diagnostics)
    io.err(`${renderDiagnostic(d, { file, source })}\n`);
}

function output(io: CliIo, text: string, file: string | undefined): void {
  if (file === undefined) io.out(text.endsWith("\n") ? text : `${text}\n`);
  else writeFileSync(file, text);
}

function toPython(args: Args, io: CliIo): number {
  const [file] = args.positional;
  if (file === undefined) usage("to-python needs a file");
  const text = read(file);
  const result = jsonToPython(text, flowDialect);
  if (!result.ok) {
    report(io, result.diagnostics, file, text);
    return 1;
  }
  output(io, result.value.python, args.flags.get("-o")?.[0]);
  const triviaFile = args.flags.get("--trivia")?.[0];
  if (triviaFile !== undefined)
    writeFileSync(triviaFile, JSON.stringify(result.value.trivia));
  return 0;
}

function toJson(args: Args, io: CliIo): number {
  const [file] = args.positional;
  if (file === undefined) usage("to-json needs a file");
  const text = read(file);
  const triviaFile = args.flags.get("--trivia")?.[0];
  const trivia =
    triviaFile === undefined
      ? undefined
      : (JSON.parse(read(triviaFile)) as Trivia);
  const formName = args.flags.get("--form")?.[0];
  let form: DocumentForm | undefined;
  if (formName !== undefined) {
    if (formName !== "agent" && formName !== "iac" && formName !== "export")
      usage(`unknown form ${formName}`);
    form = documentForms[formName];
  }
  const result = pythonToJson(text, flowDialect, {
    ...(trivia ? { trivia } : {}),
    ...(form ? { form } : {}),
  });
  if (!result.ok) {
    report(io, result.diagnostics, file, text);
    return 1;
  }
  output(io, result.value.json, args.flags.get("-o")?.[0]);
  return 0;
}

function collect(path: string, out: string[]): void {
  const files = findWorkflowFiles(path);
  if (files === undefined)
    throw new UsageError(`no such file or directory: ${path}`);
  out.push(...files);
}

function roundtrip(args: Args, io: CliIo): number {
  if (args.positional.length === 0)
    usage("roundtrip needs files or directories");
  const files: string[] = [];
  for (const p of args.positional) collect(p, files);
  const accepted = new Set(args.flags.get("--accept-rejection") ?? []);
  const rows: { file: string; report: RoundTripReport; accepted: boolean }[] =
    [];
  for (const file of files) {
    const rep = checkRoundTrip(read(file), flowDialect);
    rows.push({
      file,
      report: rep,
      accepted:
        rep.status === "rejected" &&
        rep.diagnostics.every((d) => accepted.has(d.code)),
    });
  }
  const failed = rows.filter((r) => r.report.status !== "ok" && !r.accepted);
  if (args.flags.has("--json")) {
    io.out(
      `${JSON.stringify({ files: rows.map((r) => ({ file: r.file, accepted: r.accepted, ...r.report })), passed: rows.length - failed.length, failed: failed.length }, null, 2)}\n`,
    );
    return failed.length > 0 ? 1 : 0;
  }
  const cwd = process.cwd();
  const table = rows.map((r) => {
    const rep = r.report;
    const lines =
      rep.python === undefined
        ? "-"
        : String(rep.python.split("\n").length - 1);
    const mark = (b: boolean | undefined): string =>
      b === undefined ? "-" : b ? "yes" : "NO";
    const status =
      rep.status === "ok"
        ? "ok"
        : rep.status === "rejected"
          ? r.accepted
            ? "rejected (accepted)"
            : "REJECTED"
          : "MISMATCH";
    const firstDiag = rep.diagnostics[0];
    const detail =
      rep.lossless?.difference !== undefined
        ? `first difference at ${formatJsonPath(rep.lossless.difference.path)}: expected ${rep.lossless.difference.expected}, got ${rep.lossless.difference.actual}`
        : firstDiag !== undefined
          ? `${firstDiag.code}: ${firstDiag.message}`
          : (rep.semantic?.detail ?? "");
    return [
      relative(cwd, r.file) || r.file,
      status,
      mark(rep.lossless?.ok),
      mark(rep.lossless?.exactText),
      mark(rep.semantic?.ok),
      mark(rep.semantic?.fixedPoint),
      lines,
      detail,
    ];
  });
  const header = [
    "file",
    "status",
    "lossless",
    "same text",
    "semantic",
    "fixed point",
    "py lines",
    "detail",
  ];
  const widths = header.map((h, i) =>
    Math.min(
      70,
      Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)),
    ),
  );
  const fmt = (row: readonly string[]): string =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  io.out(
    `${fmt(header)}\n${fmt(widths.map((w) => "-".repeat(w)))}\n${table.map(fmt).join("\n")}\n`,
  );
  const ok = rows.filter((r) => r.report.status === "ok").length;
  const acceptedCount = rows.filter((r) => r.accepted).length;
  io.out(
    `\n${rows.length} documents: ${ok} round-tripped exactly, ${acceptedCount} rejected as expected, ${failed.length} failed\n`,
  );
  for (const f of failed) {
    // Diagnostics of a mismatch point into the printed Python, of a rejection into the file.
    if (f.report.diagnostics.length > 0)
      report(io, f.report.diagnostics, f.file, f.report.python ?? read(f.file));
  }
  return failed.length > 0 ? 1 : 0;
}

/** Runs one CLI command and returns its exit status (0 ok, 1 failures, 2 usage, 3 internal error). */
export function runCli(argv: readonly string[], io: CliIo = processIo): number {
  try {
    return dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message !== "") io.err(`flowpy: ${e.message}\n\n`);
      io.err(`${USAGE}\n`);
      return 2;
    }
    io.err(
      `flowpy: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    if (process.env["FLOWPY_DEBUG"] !== undefined && e instanceof Error)
      io.err(`${e.stack ?? ""}\n`);
    return 3;
  }
}

function dispatch(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  switch (command) {
    case "to-python":
      return toPython(parseArgs(rest), io);
    case "to-json":
      return toJson(parseArgs(rest), io);
    case "roundtrip":
      return roundtrip(parseArgs(rest), io);
    case "--version":
      io.out("0.1.0\n");
      return 0;
    case undefined:
    case "--help":
    case "-h":
    case "help":
      io.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default: {
      const plugin = findPluginCommand(command, {
        cwd: process.cwd(),
        path: process.env["PATH"],
      });
      if (plugin === undefined) return usage(missingPluginMessage(command));
      return runPluginCommand(plugin, rest);
    }
  }
}

// Run when executed as the `flowpy` binary, not when imported (tests import `runCli`).
if (
  process.argv[1] !== undefined &&
  /(?:^|[\\/])(?:cli\.c?js|main\.ts|flowpy)$/.test(process.argv[1])
) {
  process.exitCode = runCli(process.argv.slice(2));
}
