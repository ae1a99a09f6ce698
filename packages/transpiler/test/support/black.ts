import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface BlackVerdict {
  /** Files black would reformat (empty when every source is a fixed point). */
  readonly changed: readonly string[];
  /** Sources CPython's `ast.parse` rejects, with its message. */
  readonly invalid: readonly string[];
}

/**
 * Runs Debian's `black --check` and `python3 -c ast.parse` ONCE over a batch of sources
 * (spawning per source would dominate the suite). Fails loudly when black is missing,
 * rather than skipping: CI installs it (see .ci/run).
 */
export function checkWithBlack(
  sources: readonly { readonly name: string; readonly text: string }[],
): BlackVerdict {
  const dir = mkdtempSync(join(tmpdir(), "flowpy-black-"));
  try {
    const names = sources.map((s, i) => {
      const file = `f${String(i).padStart(5, "0")}.py`;
      writeFileSync(join(dir, file), s.text);
      return file;
    });
    const black = spawnSync(
      "black",
      ["--check", "--quiet", "--workers", "2", "."],
      { cwd: dir, encoding: "utf8" },
    );
    if (black.error !== undefined)
      throw new Error(
        `black is not installed (apt-get install black): ${black.error.message}`,
      );
    const changed = [...black.stderr.matchAll(/would reformat (.*)$/gm)].map(
      (m) => {
        const file = (m[1] ?? "").trim().split("/").pop() ?? "";
        return sources[names.indexOf(file)]?.name ?? file;
      },
    );
    if (black.status !== 0 && changed.length === 0)
      throw new Error(`black failed: ${black.stderr}`);
    const py = spawnSync(
      "python3",
      [
        "-c",
        "import ast,sys,os\nfor f in sorted(os.listdir('.')):\n  try: ast.parse(open(f,encoding='utf-8').read())\n  except SyntaxError as e: print(f, e)",
      ],
      { cwd: dir, encoding: "utf8" },
    );
    const invalid = py.stdout
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => {
        const [file, ...rest] = l.split(" ");
        return `${sources[names.indexOf(file ?? "")]?.name ?? file}: ${rest.join(" ")}`;
      });
    return { changed, invalid };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
