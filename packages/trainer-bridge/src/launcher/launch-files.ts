import { sha256Hex } from "@flowpy/sdk";
import type { TrainingSpec } from "../spec/training-spec.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { accelerateFsdpConfig } from "./accelerate-config.js";
import type { LaunchOptions } from "./launch-options.js";
import { launcherScript } from "./launcher-script.js";
import { trlSftConfigYaml } from "./sft-config.js";

/** The launcher and the two config files it reads, as they sit side by side on every node. */
export function launchFiles(
  spec: TrainingSpec,
  options: LaunchOptions,
): readonly EmittedFile[] {
  return [
    {
      path: "launch.sh",
      content: launcherScript(spec, options),
      executable: true,
    },
    {
      path: "sft.yaml",
      content: trlSftConfigYaml(spec, options),
      executable: false,
    },
    {
      path: "fsdp.yaml",
      content: accelerateFsdpConfig(spec),
      executable: false,
    },
  ];
}

/**
 * Bash that writes `files` into the directory named by the shell expression `dir` (quoted
 * here-documents, so nothing in them is expanded). Each delimiter is derived from the file's
 * hash, so no file can contain it by accident; a file that does is a broken invariant.
 */
export function writeFilesScript(
  files: readonly EmittedFile[],
  dir: string,
): string {
  const parts = [`mkdir -p ${dir}`];
  for (const f of files) {
    const tag = `FLOWPY_${sha256Hex(f.content).slice(0, 12).toUpperCase()}`;
    if (f.content.split("\n").includes(tag))
      throw new Error(`${f.path} contains its own here-document delimiter`);
    const body = f.content.endsWith("\n") ? f.content : `${f.content}\n`;
    parts.push(`cat > ${dir}/${f.path} <<'${tag}'\n${body}${tag}`);
    if (f.executable) parts.push(`chmod +x ${dir}/${f.path}`);
  }
  return parts.join("\n");
}

/**
 * A self-contained script for engines that start a container with a command (Kubernetes,
 * SkyPilot, Tangle): it writes the launch files into `dir` on the node and runs the launcher,
 * passing its own arguments through (Tangle's node rank and head address arrive that way).
 */
export function bootstrapScript(
  spec: TrainingSpec,
  options: LaunchOptions,
  dir: string,
): string {
  return [
    "set -euo pipefail",
    writeFilesScript(launchFiles(spec, options), dir),
    `exec ${dir}/launch.sh "$@"`,
    "",
  ].join("\n");
}
