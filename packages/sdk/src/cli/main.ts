#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { readDatasetJsonl } from "../dataset/write-dataset.js";
import {
  certifyParity,
  type ParityCertificate,
} from "../parity/certify-parity.js";
import { readServingSide } from "../parity/serving-side.js";

const USAGE = `flowpy-sdk — training-data tools for Flow agents

Usage:
  flowpy-sdk parity <training.jsonl> <serving.json> [--chat-template FILE] [--json]

parity compares training rows (a dataset file written by the SDK) with what the serving
side sends: either a captured chat-completions request body (JSON with "messages") or a
served definition ({"tools", "system_prompt", optional "chat_template", "enable_thinking",
"generation_config", "tool_responses"}). --chat-template gives the template file the server
was started with; without it (and without "chat_template" in the file) the SDK's pinned
template is assumed, and the report says so.
Exit status: 0 no difference, 1 differences found, 2 usage or unreadable input.`;

/** Where the CLI writes; tests pass their own. */
export interface SdkCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: SdkCliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

type Outcome =
  | { readonly kind: "done"; readonly status: number }
  | { readonly kind: "usage"; readonly message: string };

function read(file: string): string | Outcome {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    return {
      kind: "usage",
      message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
}

export function formatCertificate(c: ParityCertificate): string {
  const lines = c.differences.map(
    (d) =>
      `${d.kind}  ${d.path}\n    training: ${d.training}\n    serving:  ${d.serving}`,
  );
  const notes = c.notes.map((n) => `note: ${n}`);
  const verdict = c.ok
    ? "parity: no difference between training and serving"
    : `parity: ${c.differences.length} difference${c.differences.length === 1 ? "" : "s"} between training and serving`;
  return `${[...lines, ...notes, verdict].join("\n")}\n`;
}

function parity(args: readonly string[], io: SdkCliIo): Outcome {
  const positional: string[] = [];
  let templateFile: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--chat-template") {
      templateFile = args[++i];
      if (templateFile === undefined)
        return { kind: "usage", message: "--chat-template needs a file" };
    } else if (a === "--json") json = true;
    else if (a.startsWith("-"))
      return { kind: "usage", message: `unknown option ${a}` };
    else positional.push(a);
  }
  const [trainingFile, servingFile] = positional;
  if (
    trainingFile === undefined ||
    servingFile === undefined ||
    positional.length > 2
  )
    return {
      kind: "usage",
      message: "parity needs <training.jsonl> <serving.json>",
    };
  const trainingText = read(trainingFile);
  if (typeof trainingText !== "string") return trainingText;
  const servingText = read(servingFile);
  if (typeof servingText !== "string") return servingText;
  let template: string | undefined;
  if (templateFile !== undefined) {
    const t = read(templateFile);
    if (typeof t !== "string") return t;
    template = t;
  }
  const rows = readDatasetJsonl(trainingText);
  const serving = readServingSide(servingText, template);
  const problems = [
    ...(rows.ok
      ? []
      : rows.diagnostics.map((d) => `${trainingFile}: ${d.message}`)),
    ...(serving.ok
      ? []
      : serving.diagnostics.map((d) => `${servingFile}: ${d.message}`)),
  ];
  if (!rows.ok || !serving.ok) {
    for (const p of problems) io.err(`flowpy-sdk: ${p}\n`);
    return { kind: "done", status: 2 };
  }
  const certificate = certifyParity({ rows: rows.value }, serving.value);
  io.out(
    json
      ? `${JSON.stringify(certificate, null, 2)}\n`
      : formatCertificate(certificate),
  );
  return { kind: "done", status: certificate.ok ? 0 : 1 };
}

function dispatch(argv: readonly string[], io: SdkCliIo): Outcome {
  const [command, ...rest] = argv;
  switch (command) {
    case "parity":
      return parity(rest, io);
    case "--version":
      io.out("0.1.0\n");
      return { kind: "done", status: 0 };
    case undefined:
    case "--help":
    case "-h":
    case "help":
      io.out(`${USAGE}\n`);
      return { kind: "done", status: command === undefined ? 2 : 0 };
    default:
      return { kind: "usage", message: `unknown command ${command}` };
  }
}

/** Runs one CLI command and returns its exit status (0 ok, 1 differences, 2 usage, 3 internal error). */
export function runSdkCli(
  argv: readonly string[],
  io: SdkCliIo = processIo,
): number {
  try {
    const outcome = dispatch(argv, io);
    if (outcome.kind === "done") return outcome.status;
    io.err(`flowpy-sdk: ${outcome.message}\n\n${USAGE}\n`);
    return 2;
  } catch (e) {
    io.err(
      `flowpy-sdk: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 3;
  }
}

// Run when executed as the `flowpy-sdk` binary, not when imported (tests import `runSdkCli`).
if (
  process.argv[1] !== undefined &&
  /(?:^|[\\/])(?:cli\.c?js|flowpy-sdk)$|sdk[\\/]src[\\/]cli[\\/]main\.ts$/.test(
    process.argv[1],
  )
) {
  process.exitCode = runSdkCli(process.argv.slice(2));
}
