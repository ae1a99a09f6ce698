import { execFileSync } from "node:child_process";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  JobEngine,
  defaultJobFileOptions,
  defaultTrainingSpec,
  jobFiles,
} from "../../src/index.js";
import { run } from "./run-cli.js";

/** The files of a directory with their text and whether they are executable. */
function listing(dir: string): Record<string, [string, boolean]> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const path = join(dir, name);
        return [
          name,
          [readFileSync(path, "utf8"), (statSync(path).mode & 0o111) !== 0],
        ];
      }),
  );
}

let dir = "";
const spec = defaultTrainingSpec();

/** `train emit` of the default spec for `engine` into `out`, with further flags. */
function emit(engine: string, out: string, ...flags: string[]) {
  const spec = ["--spec", join(dir, "spec.json")];
  return run(
    "train",
    "emit",
    "--engine",
    engine,
    ...spec,
    "--out",
    out,
    ...flags,
  );
}
const snapshots = join(import.meta.dirname, "../emit/__snapshots__/default");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flowpy-train-emit-"));
  writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
});

describe("flowpy-train train emit", () => {
  it("writes every engine's files, exactly what the emitters produce, and the same bytes every time", () => {
    for (const engine of JobEngine.options) {
      const out = join(dir, engine);
      const r = emit(engine, out);
      expect(r.code, r.err).toBe(0);
      const expected = jobFiles(engine, spec, defaultJobFileOptions(out));
      if (!expected.ok) throw new Error(JSON.stringify(expected.diagnostics));
      expect(listing(out)).toEqual(
        Object.fromEntries(
          expected.value.map((f) => [f.path, [f.content, f.executable]]),
        ),
      );
      expect(Object.keys(listing(out))).toEqual(
        expect.arrayContaining(["launch.sh", "sft.yaml", "fsdp.yaml"]),
      );
      expect(r.out.trim().split("\n")).toEqual(
        expected.value.map((f) => `wrote ${join(out, f.path)}`),
      );
      // A second run into another directory gives the same bytes (Slurm paths aside, which
      // name the job root: pinned here so the directories may differ).
      const again = join(dir, `${engine}-again`);
      expect(emit(engine, again, "--job-root", out).code).toBe(0);
      expect(listing(again)).toEqual(listing(out));
    }
  });

  it("matches the emitters' reviewed snapshots for the same site settings", () => {
    const slurm = join(dir, "snap-slurm");
    expect(emit("slurm", slurm, "--job-root", "/shared/jobs").code).toBe(0);
    const k8s = join(dir, "snap-trainjob");
    expect(
      emit("trainjob", k8s, "--namespace", "ml", "--queue", "h200-queue").code,
    ).toBe(0);
    const tangle = join(dir, "snap-tangle");
    expect(emit("tangle", tangle).code).toBe(0);
    const snap = (name: string): string =>
      readFileSync(join(snapshots, name), "utf8");
    expect(readFileSync(join(slurm, "sbatch.sh"), "utf8")).toBe(
      snap("sbatch.sh"),
    );
    expect(readFileSync(join(k8s, "trainjob.yaml"), "utf8")).toBe(
      snap("trainjob.yaml"),
    );
    expect(readFileSync(join(tangle, "component.yaml"), "utf8")).toBe(
      snap("component.yaml"),
    );
    for (const f of ["launch.sh", "sft.yaml", "fsdp.yaml"])
      expect(readFileSync(join(slurm, f), "utf8"), f).toBe(snap(f));
    execFileSync("bash", ["-n", join(slurm, "sbatch.sh")]);
  });

  it("uses the accelerate launcher when asked", () => {
    const out = join(dir, "accelerate");
    expect(emit("skypilot", out, "--launcher", "accelerate").code).toBe(0);
    expect(readFileSync(join(out, "launch.sh"), "utf8")).toBe(
      readFileSync(join(snapshots, "fsdp-accelerate-launch.sh"), "utf8"),
    );
  });

  it("exits 2 on usage errors and 1 on invalid specs, options or unwritable output", () => {
    const specFile = join(dir, "spec.json");
    expect(
      run("train", "emit", "--spec", specFile, "--out", dir).err,
    ).toContain("missing --engine");
    expect(
      run("train", "emit", "--engine", "slurm", "--out", dir).err,
    ).toContain("missing --spec");
    expect(
      run("train", "emit", "--engine", "lsf", "--spec", specFile, "--out", dir)
        .err,
    ).toContain(
      "--engine must be one of slurm, trainjob, pytorchjob, skypilot, tangle",
    );
    expect(emit("slurm", dir, "--launcher", "mpirun").code).toBe(2);
    expect(emit("slurm", dir, "extra").code).toBe(2);

    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ ...spec, compute: { nodes: 0 } }),
    );
    const bad = run(
      "train",
      "emit",
      "--engine",
      "slurm",
      "--spec",
      join(dir, "bad.json"),
      "--out",
      join(dir, "bad"),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("spec-invalid");

    const quoted = emit("slurm", join(dir, "q"), "--job-root", "/shared/it's");
    expect(quoted.code).toBe(1);
    expect(quoted.err).toContain("emit-invalid-options");
    const badNs = emit("trainjob", join(dir, "ns"), "--namespace", "Not_NS");
    expect(badNs.code).toBe(1);
    expect(badNs.err).toContain("emit-invalid-options");

    writeFileSync(join(dir, "a-file"), "");
    const unwritable = emit("tangle", join(dir, "a-file", "sub"));
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toContain("cli-io");
  });
});
