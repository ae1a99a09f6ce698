import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitSbatchJob } from "../../src/emit/sbatch-job.js";
import { defaultSlurmOptions } from "../../src/emit/slurm-options.js";
import type { CommandRunner } from "../../src/submit/command-runner.js";
import { unixSocketTransport } from "../../src/submit/http-transport.js";
import { redact, secretValues } from "../../src/submit/redact.js";
import { slurmCliSubmitter } from "../../src/submit/slurm-cli-submitter.js";
import {
  resolveOutputPattern,
  slurmStatus,
} from "../../src/submit/slurm-state.js";
import {
  slurmRestAuthFromEnv,
  slurmRestSubmitter,
} from "../../src/submit/slurm-rest-submitter.js";
import { specWithSecrets } from "../emit/specs.js";

const TOKEN = "canary-slurm-jwt-0b5e77d1";
const SECRET = "canary-wandb-key-93e1f0aa";
const dir = mkdtempSync(join(tmpdir(), "flowpy-slurmrest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const emitted = emitSbatchJob(
  specWithSecrets(),
  defaultSlurmOptions("/shared/jobs"),
);
if (!emitted.ok) throw new Error("emit failed");
const job = emitted.value;

describe("Slurm credentials never reach diagnostics", () => {
  it("slurmrestd: the JWT is sent as headers and redacted from echoed errors", async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    // A hostile slurmrestd that quotes the request headers and body back in its errors.
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push(req.headers);
        res.writeHead(req.method === "POST" ? 400 : 401, {
          "content-type": "application/json",
        });
        res.end(
          JSON.stringify({
            errors: [
              {
                error: `rejected: ${JSON.stringify(req.headers)} ${Buffer.concat(chunks).toString("utf8")}`,
              },
            ],
          }),
        );
      });
    });
    const socket = join(dir, "rest.sock");
    await new Promise<void>((r) => server.listen(socket, () => r()));
    try {
      const auth = slurmRestAuthFromEnv({ SLURM_JWT: TOKEN, USER: "trainer" });
      expect(auth).toEqual({ userName: "trainer", token: TOKEN });
      const submitter = slurmRestSubmitter({
        transport: unixSocketTransport(socket),
        apiVersion: "v0.0.38",
        ...(auth === undefined ? {} : { auth }),
        jobEnv: { PATH: "/usr/bin:/bin", WANDB_API_KEY: SECRET },
        run: async () => ({ exitCode: 0, stdout: "", stderr: "" }),
      });
      const handle = {
        kind: "slurm",
        id: "42",
        name: job.name,
        logPath: "/nowhere",
      } as const;
      const results = [
        await submitter.submit(job),
        await submitter.status(handle),
        await submitter.cancel(handle),
      ];
      expect(seen[0]?.["x-slurm-user-token"]).toBe(TOKEN);
      expect(seen[0]?.["x-slurm-user-name"]).toBe("trainer");
      expect(results.map((r) => r.diagnostics[0]?.code)).toEqual([
        "submit-rejected",
        "submit-unauthorized",
        "submit-unauthorized",
      ]);
      for (const r of results) {
        const text = JSON.stringify(r.diagnostics);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(SECRET);
        expect(text).toContain("***");
      }
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("slurmrestd unreachable is a transport error", async () => {
    const submitter = slurmRestSubmitter({
      transport: unixSocketTransport(join(dir, "absent.sock")),
      apiVersion: "v0.0.38",
      jobEnv: {},
      run: async () => ({ exitCode: 0, stdout: "", stderr: "" }),
    });
    const r = await submitter.submit(job);
    expect(r.diagnostics[0]?.code).toBe("submit-transport");
  });

  it("sbatch: secrets in the submitting environment are redacted from stderr", async () => {
    const calls: {
      command: string;
      args: readonly string[];
      stdin?: string;
    }[] = [];
    const run: CommandRunner = async (command, args, options = {}) => {
      calls.push({
        command,
        args,
        ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      });
      return {
        exitCode: 1,
        stdout: "",
        stderr: `sbatch: error: Batch job submission failed: env WANDB_API_KEY=${options.env?.["WANDB_API_KEY"] ?? ""}`,
      };
    };
    const submitter = slurmCliSubmitter({
      run,
      env: { WANDB_API_KEY: SECRET },
    });
    const r = await submitter.submit(job);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.code).toBe("submit-command-failed");
    expect(r.diagnostics[0]?.message).toBe(
      "sbatch failed (exit 1): sbatch: error: Batch job submission failed: env WANDB_API_KEY=***",
    );
    // The script goes in on stdin and the command is an argument vector, never a shell string.
    expect(calls).toEqual([
      { command: "sbatch", args: ["--parsable"], stdin: job.script },
    ]);
  });

  it("redacts longer secrets first and leaves locations readable", () => {
    expect(redact("token abcdef and abc", ["abc", "abcdef"])).toBe(
      "token *** and abc",
    );
    expect(
      secretValues({
        PATH: "/usr/bin",
        SLURM_CONF: "/etc/slurm.conf",
        HF_TOKEN: "hf_x1y2",
      }),
    ).toEqual(["hf_x1y2"]);
  });
});

describe("Slurm states and output paths", () => {
  it("maps Slurm's state words, including sacct's 'by <uid>' suffix", () => {
    expect(slurmStatus("PENDING").kind).toBe("queued");
    expect(slurmStatus("COMPLETING").kind).toBe("running");
    expect(slurmStatus("CANCELLED by 0")).toEqual({
      kind: "cancelled",
      detail: "CANCELLED by 0",
    });
    expect(slurmStatus("NODE_FAIL").kind).toBe("failed");
    expect(slurmStatus("WEIRD_NEW_STATE")).toEqual({
      kind: "unknown",
      detail: "WEIRD_NEW_STATE",
    });
  });

  it("resolves %j, %x and %% in output patterns", () => {
    expect(resolveOutputPattern("/logs/%x-%j.out", "12", "run")).toBe(
      "/logs/run-12.out",
    );
    expect(resolveOutputPattern("/logs/100%%-%j", "7", "r")).toBe(
      "/logs/100%-7",
    );
  });
});
