#!/usr/bin/env node
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { findWorkflowFiles } from "@flowpy/transpiler";
import {
  buildCorpusDataset,
  type CorpusWorkflow,
} from "../dataset/corpus-dataset.js";
import { readDatasetJsonl } from "../dataset/write-dataset.js";
import {
  certifyParity,
  type ParityCertificate,
} from "../parity/certify-parity.js";
import { readServingSide } from "../parity/serving-side.js";

const USAGE = `flowpy-sdk — training-data tools for Flow agents

Usage:
  flowpy-sdk parity <training.jsonl> <serving.json> [--chat-template FILE] [--json]
  flowpy-sdk dataset corpus <dir|file>... --out DIR [--seed N] [--sample X] [--no-thinking]
        [--name NAME] [--accept-rejection CODE]...

parity compares training rows (a dataset file written by the SDK) with what the serving
side sends: either a captured chat-completions request body (JSON with "messages") or a
served definition ({"tools", "system_prompt", optional "chat_template", "enable_thinking",
"generation_config", "tool_responses"}). --chat-template gives the template file the server
was started with; without it (and without "chat_template" in the file) the SDK's pinned
template is assumed, and the report says so.
Exit status: 0 no difference, 1 differences found, 2 usage or unreadable input.

dataset corpus builds a training dataset from every workflow file (*.json, *.flow; not
_errors_ folders, *.trivia.json, expect.json, validation.json, MANIFEST.json) under the given paths: a create
conversation for each, edit, fix and question conversations for a seeded sample (--sample,
the share of workflows, default 0.25), each verified, rendered with the pinned Qwen3 template
and tokenized. It writes DIR/train.jsonl, DIR/card.json and DIR/card.md; a workflow's id is
its folder (for workflow.json / workflow.flow) or its file, relative to the path given.
Thinking mode is on unless --no-thinking; --seed (default 0) fixes the sample and shuffle.
Exit status: 0 written and every conversation is a row, 1 written but some were rejected
(each on stderr; --accept-rejection CODE excuses a code), 2 usage or unreadable input.`;

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

/** Workflow files under a path, sorted, as the transpiler's `roundtrip` finds them. */
function collectWorkflows(
  root: string,
  out: CorpusWorkflow[],
): Outcome | undefined {
  const add = (file: string, id: string): Outcome | undefined => {
    const text = read(file);
    if (typeof text !== "string") return text;
    out.push({ id, json: text });
    return undefined;
  };
  const files = findWorkflowFiles(root);
  if (files === undefined)
    return { kind: "usage", message: `no such file or directory: ${root}` };
  for (const file of files) {
    // A corpus case folder names its workflow `workflow.json`: the folder is its id.
    const where =
      file === root
        ? root
        : /^workflow\.(json|flow)$/.test(basename(file))
          ? relative(root, dirname(file))
          : relative(root, file);
    const failed = add(
      file,
      (where === "" ? basename(root) : where).split(sep).join("/"),
    );
    if (failed !== undefined) return failed;
  }
  return undefined;
}

async function datasetCorpus(
  args: readonly string[],
  io: SdkCliIo,
): Promise<Outcome> {
  const roots: string[] = [];
  const accepted = new Set<string>();
  const values = new Map<string, string>();
  let thinking = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (["--out", "--seed", "--sample", "--name"].includes(a)) {
      const v = args[++i];
      if (v === undefined)
        return { kind: "usage", message: `${a} needs a value` };
      if (values.has(a)) return { kind: "usage", message: `${a} given twice` };
      values.set(a, v);
    } else if (a === "--accept-rejection") {
      const v = args[++i];
      if (v === undefined)
        return { kind: "usage", message: `${a} needs a diagnostic code` };
      accepted.add(v);
    } else if (a === "--no-thinking") thinking = false;
    else if (a.startsWith("-"))
      return { kind: "usage", message: `unknown option ${a}` };
    else roots.push(a);
  }
  const out = values.get("--out");
  if (out === undefined) return { kind: "usage", message: "missing --out" };
  if (roots.length === 0)
    return {
      kind: "usage",
      message: "dataset corpus needs workflow folders or files",
    };
  const seedText = values.get("--seed") ?? "0";
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed))
    return {
      kind: "usage",
      message: `--seed needs a whole number, got "${seedText}"`,
    };
  const sampleText = values.get("--sample") ?? "0.25";
  const sample = Number(sampleText);
  if (sampleText.trim() === "" || !(sample >= 0 && sample <= 1))
    return {
      kind: "usage",
      message: `--sample needs a share from 0 to 1, got "${sampleText}"`,
    };
  const workflows: CorpusWorkflow[] = [];
  for (const root of roots) {
    const failed = collectWorkflows(root, workflows);
    if (failed !== undefined) return failed;
  }
  if (workflows.length === 0)
    return { kind: "usage", message: "no workflow files found" };
  const dataset = await buildCorpusDataset(workflows, {
    seed,
    enableThinking: thinking,
    variants: { create: 1, edit: sample, fix: sample, question: sample },
    name: values.get("--name") ?? "flowpy-corpus",
  });
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "train.jsonl"), dataset.jsonl);
    writeFileSync(join(out, "card.json"), dataset.card.json);
    writeFileSync(join(out, "card.md"), dataset.card.markdown);
  } catch (e) {
    return {
      kind: "usage",
      message: `cannot write to ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
  const card = dataset.card.data;
  io.out(
    `wrote ${card.rows} rows (${card.tokens.total} tokens, ${card.tokens.trained} trained) to ${join(out, "train.jsonl")}; ${dataset.rejected.length} rejected\n`,
  );
  let unexcused = 0;
  for (const r of dataset.rejected) {
    const excused = accepted.has(r.code);
    if (!excused) unexcused++;
    io.err(
      `${r.id} (${r.variant}): ${excused ? "accepted " : ""}error[${r.code}]: ${r.message}\n`,
    );
  }
  return { kind: "done", status: unexcused > 0 ? 1 : 0 };
}

async function dispatch(
  argv: readonly string[],
  io: SdkCliIo,
): Promise<Outcome> {
  const [command, ...rest] = argv;
  switch (command) {
    case "parity":
      return parity(rest, io);
    case "dataset": {
      const [sub, ...more] = rest;
      if (sub === "corpus") return datasetCorpus(more, io);
      return {
        kind: "usage",
        message: `unknown command dataset ${sub ?? ""}`.trimEnd(),
      };
    }
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
export async function runSdkCli(
  argv: readonly string[],
  io: SdkCliIo = processIo,
): Promise<number> {
  try {
    const outcome = await dispatch(argv, io);
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
  // No top-level await: the CJS build of this file must load too.
  void runSdkCli(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
