import { execFile } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchFiles } from "../../src/launcher/launch-files.js";
import {
  defaultLaunchOptions,
  type LaunchOptions,
} from "../../src/launcher/launch-options.js";
import type { TrainingSpec } from "../../src/spec/training-spec.js";
import { makeTestBin, readTorchrunRecord } from "../fixtures/test-bin.js";
import { specWithSecrets } from "./specs.js";

const root = mkdtempSync(join(tmpdir(), "flowpy-launcher-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const bin = makeTestBin(root);
// A stand-in scontrol for the Slurm branch outside a real cluster.
writeFileSync(
  join(bin, "scontrol"),
  '#!/bin/sh\n[ "$1 $2" = "show hostnames" ] && printf "gpu-a\\ngpu-b\\n"\n',
);
chmodSync(join(bin, "scontrol"), 0o755);

let runs = 0;
/** Writes the launch files for `spec` into a fresh directory, with outputs under it too. */
function writeLaunch(
  spec: TrainingSpec,
  launch: LaunchOptions = defaultLaunchOptions,
) {
  const dir = join(root, `run${runs++}`);
  const out = join(dir, "out");
  const s: TrainingSpec = {
    ...spec,
    output: {
      ...spec.output,
      checkpointUri: join(out, "ckpt"),
      finalModelUri: join(out, "final"),
    },
  };
  const records = join(dir, "records");
  mkdirSync(join(dir, "launch"), { recursive: true });
  mkdirSync(records, { recursive: true });
  for (const f of launchFiles(s, launch))
    writeFileSync(join(dir, "launch", f.path), f.content, {
      mode: f.executable ? 0o755 : 0o644,
    });
  return { dir, records, out };
}

function run(
  dir: string,
  records: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      [join(dir, "launch", "launch.sh"), ...args],
      {
        env: {
          PATH: `${bin}:/usr/bin:/bin`,
          FAKE_TORCHRUN_RECORD_DIR: records,
          FLOWPY_TEST_SECRET_NAME: "WANDB_API_KEY",
          WANDB_API_KEY: "canary-launcher-0123456789",
          ...env,
        },
      },
      (err, stdout, stderr) =>
        resolve({
          code: err === null ? 0 : typeof err.code === "number" ? err.code : -1,
          stdout,
          stderr,
        }),
    );
  });
}

const spec = specWithSecrets();

describe("the shared launcher reads each engine's environment", () => {
  const cases: [
    string,
    Record<string, string>,
    string[],
    { rank: number; endpoint: string; id: string },
  ][] = [
    [
      "Kubeflow Trainer (PET_*)",
      {
        PET_NNODES: "2",
        PET_NODE_RANK: "1",
        PET_MASTER_ADDR: "trainjob-node-0-0.svc",
        PET_MASTER_PORT: "29400",
      },
      [],
      { rank: 1, endpoint: "trainjob-node-0-0.svc:29400", id: spec.name },
    ],
    [
      "PyTorchJob (MASTER_ADDR/RANK)",
      {
        MASTER_ADDR: "job-master-0",
        MASTER_PORT: "23456",
        RANK: "1",
        WORLD_SIZE: "16",
      },
      [],
      { rank: 1, endpoint: "job-master-0:23456", id: spec.name },
    ],
    [
      "Slurm (head node from scontrol)",
      {
        SLURM_JOB_ID: "77",
        SLURM_NODEID: "0",
        SLURM_JOB_NUM_NODES: "2",
        SLURM_JOB_NODELIST: "gpu-[a-b]",
      },
      [],
      { rank: 0, endpoint: "gpu-a:29400", id: "77" },
    ],
    [
      "SkyPilot (first of SKYPILOT_NODE_IPS)",
      {
        SKYPILOT_NODE_RANK: "1",
        SKYPILOT_NUM_NODES: "2",
        SKYPILOT_NODE_IPS: "10.0.0.5\n10.0.0.6",
        SKYPILOT_TASK_ID: "sky-1",
      },
      [],
      { rank: 1, endpoint: "10.0.0.5:29400", id: "sky-1" },
    ],
    [
      "Tangle (arguments)",
      { FLOWPY_RDZV_PORT: "29555" },
      ["--nnodes", "2", "--node-rank", "0", "--rdzv-host", "10.1.0.9"],
      { rank: 0, endpoint: "10.1.0.9:29555", id: spec.name },
    ],
  ];
  for (const [name, env, args, want] of cases)
    it(name, async () => {
      const { dir, records, out } = writeLaunch(spec);
      const r = await run(dir, records, env, args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const rec = readTorchrunRecord(records, want.rank);
      expect(rec.args).toEqual([
        "--nnodes=2",
        "--nproc-per-node=8",
        `--node-rank=${want.rank}`,
        "--rdzv-backend=c10d",
        `--rdzv-endpoint=${want.endpoint}`,
        `--rdzv-id=${want.id}`,
        "--module",
        "trl.scripts.sft",
        "--config",
        join(dir, "launch", "sft.yaml"),
      ]);
      expect(rec.env).toMatchObject({
        NCCL_DEBUG: "WARN",
        NCCL_SOCKET_IFNAME: "eth0",
        NCCL_IB_HCA: "mlx5_0,mlx5_1",
        TORCH_NCCL_ASYNC_ERROR_HANDLING: "1",
        WANDB_PROJECT: "flow-agent",
      });
      // Rank 0 publishes the final weights; other ranks do not.
      expect(existsSync(join(out, "final", "model.safetensors"))).toBe(
        want.rank === 0,
      );
      expect(r.stdout).not.toContain("canary-launcher");
    });

  it("accelerate launch gets the same rendezvous as flags", async () => {
    const { dir, records } = writeLaunch(spec, {
      ...defaultLaunchOptions,
      launcher: "accelerate",
    });
    // A stand-in `accelerate` that records its argv.
    writeFileSync(
      join(dir, "accelerate"),
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${records}/accelerate.txt\n`,
      { mode: 0o755 },
    );
    const r = await run(dir, records, {
      PATH: `${dir}:${bin}:/usr/bin:/bin`,
      PET_NNODES: "2",
      PET_NODE_RANK: "1",
      PET_MASTER_ADDR: "head",
      PET_MASTER_PORT: "29400",
    });
    expect(r.code).toBe(0);
    const argv = readFileSync(join(records, "accelerate.txt"), "utf8")
      .trim()
      .split("\n");
    expect(argv).toEqual([
      "launch",
      "--config_file",
      join(dir, "launch", "fsdp.yaml"),
      "--num_machines",
      "2",
      "--num_processes",
      "16",
      "--machine_rank",
      "1",
      "--main_process_ip",
      "head",
      "--main_process_port",
      "29400",
      "--rdzv_backend",
      "c10d",
      "--module",
      "trl.scripts.sft",
      "--config",
      join(dir, "launch", "sft.yaml"),
    ]);
  });

  it("refuses a node count that differs from the spec", async () => {
    const { dir, records } = writeLaunch(spec);
    const r = await run(dir, records, {
      PET_NNODES: "3",
      PET_NODE_RANK: "0",
      PET_MASTER_ADDR: "h",
      PET_MASTER_PORT: "1",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "the engine started 3 nodes, the spec asks for 2",
    );
  });

  it("refuses to guess a rank with no engine environment", async () => {
    const { dir, records } = writeLaunch(spec);
    const r = await run(dir, records, {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot tell this node's rank");
  });

  it("stops before training when a secret did not arrive", async () => {
    const { dir, records } = writeLaunch(spec);
    const r = await run(dir, records, {
      WANDB_API_KEY: "",
      PET_NNODES: "2",
      PET_NODE_RANK: "0",
      PET_MASTER_ADDR: "h",
      PET_MASTER_PORT: "1",
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      "the secret WANDB_API_KEY did not reach this node",
    );
    expect(existsSync(join(records, "torchrun-rank0.txt"))).toBe(false);
  });
});
