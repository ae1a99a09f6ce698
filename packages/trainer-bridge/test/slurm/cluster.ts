import {
  execFile,
  execFileSync,
  spawn,
  type ChildProcess,
} from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real two-node Slurm cluster on loopback for tests (ml-stack §4.8): a private munged, one
 * slurmctld and two `slurmd -N n1|n2` on free ports, optionally slurmrestd on a unix socket as
 * a non-root user, all under one temp directory. Every daemon runs in the foreground as a
 * child of the test, so `stop()` can end each one by its pid; anything still carrying this
 * cluster's SLURM_CONF afterwards (job steps) is reported and killed.
 */
export interface SlurmCluster {
  readonly dir: string;
  /** Environment for Slurm clients (`SLURM_CONF`). */
  readonly env: Readonly<Record<string, string>>;
  readonly restSocket?: string;
  /** The unprivileged account slurmrestd (and so its jobs) runs as. */
  readonly restUser?: {
    readonly name: string;
    readonly uid: number;
    readonly gid: number;
  };
  /**
   * Stops every daemon and returns the stray processes it had to kill, as "pid command
   * line" (what they were is the first thing to know about a stray).
   */
  stop(): Promise<string[]>;
}

const SBIN = "/usr/sbin";
const REST_USER = "flowpyslurm";

/** Why this machine cannot run the cluster, or undefined when it can. */
export function clusterUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0)
    return "the Slurm test cluster needs root (slurmd runs jobs as their owner; munged and slurmrestd are started under their own accounts)";
  for (const bin of ["slurmctld", "slurmd", "slurmrestd", "munged"])
    if (!existsSync(join(SBIN, bin)))
      return `${SBIN}/${bin} is missing: install the Debian packages slurm-wlm slurmrestd munge`;
  if (!existsSync("/etc/munge/munge.key"))
    return "/etc/munge/munge.key is missing (the munge package creates it)";
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Distinct free TCP ports on 127.0.0.1. */
export async function freePorts(n: number): Promise<number[]> {
  const out = new Set<number>();
  while (out.size < n) out.add(await freePort());
  return [...out];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: { ...process.env, ...env } }, (_e, stdout) =>
      resolve(stdout),
    );
  });
}

function ensureRestUser(): { name: string; uid: number; gid: number } {
  const id = () => {
    try {
      const uid = Number(
        execFileSync("id", ["-u", REST_USER], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).trim(),
      );
      const gid = Number(
        execFileSync("id", ["-g", REST_USER], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).trim(),
      );
      return { name: REST_USER, uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = id();
  if (existing !== undefined) return existing;
  try {
    execFileSync(
      "useradd",
      [
        "--system",
        "--no-create-home",
        "--shell",
        "/usr/sbin/nologin",
        REST_USER,
      ],
      {
        stdio: "ignore",
      },
    );
  } catch {
    // Another test run may have created it at the same moment; `id` below decides.
  }
  const made = id();
  if (made === undefined)
    throw new Error(`could not create the user ${REST_USER} for slurmrestd`);
  return made;
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name in field 2 may hold spaces and parentheses; fields after
    // the last ')' are fixed: state, then the parent pid.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    return ppid === undefined ? undefined : Number(ppid);
  } catch {
    return undefined;
  }
}

/** Pids of processes (other than ourselves) whose environment names this cluster's config. */
function processesOf(conf: string): number[] {
  const needle = Buffer.from(`SLURM_CONF=${conf}\0`);
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle))
        out.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return out;
}

/** A process's command line, or a note that it is gone. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .join(" ")
      .trim();
  } catch {
    return "(exited)";
  }
}

export async function startSlurmCluster(options: {
  readonly rest: boolean;
}): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), "flowpy-slurm-"));
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const conf = join(dir, "slurm.conf");
  const env = { SLURM_CONF: conf };
  const killAll = () => {
    for (const c of children)
      if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  };
  process.once("exit", killAll);

  const stopChild = async (c: ChildProcess) => {
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once("exit", () => r()));
    c.kill("SIGTERM");
    const done = await Promise.race([
      exited.then(() => true),
      sleep(5000).then(() => false),
    ]);
    if (!done) {
      c.kill("SIGKILL");
      await exited;
    }
  };

  // A cancelled job's slurmstepd exits on its own once slurmd has reaped the
  // step; on a loaded machine that takes seconds. Let job processes finish
  // while slurmd is still up, so only processes that really outlive the
  // cluster count as strays. The daemons' own helpers (slurmctld's
  // slurmscriptd) are their direct children and end with them.
  const settle = async (ms: number) => {
    const end = Date.now() + ms;
    const jobProcesses = () => {
      const own = new Set(
        children.flatMap((c) => (c.pid === undefined ? [] : [c.pid])),
      );
      return processesOf(conf).filter(
        (pid) => !own.has(pid) && !own.has(parentOf(pid) ?? -1),
      );
    };
    while (Date.now() < end && jobProcesses().length > 0) await sleep(200);
  };

  const stop = async (): Promise<string[]> => {
    await settle(20_000);
    for (const c of [...children].reverse()) await stopChild(c);
    await settle(5_000);
    process.removeListener("exit", killAll);
    const pids = processesOf(conf);
    const strays = pids.map((pid) => `${pid} ${commandOf(pid)}`);
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
    return strays;
  };

  try {
    for (const d of ["state", "log", "spooln1", "spooln2"])
      mkdirSync(join(dir, d));
    const munge = join(dir, "munge");
    mkdirSync(munge, { mode: 0o755 });
    const mungeUid = Number(
      execFileSync("id", ["-u", "munge"], { encoding: "utf8" }).trim(),
    );
    const mungeGid = Number(
      execFileSync("id", ["-g", "munge"], { encoding: "utf8" }).trim(),
    );
    chownSync(munge, mungeUid, mungeGid);
    const socket = join(munge, "munge.sock");
    const spawnDaemon = (
      cmd: string,
      args: string[],
      extraEnv: Record<string, string> = {},
    ) => {
      const c = spawn(cmd, args, {
        env: { ...process.env, ...env, ...extraEnv },
        stdio: "ignore",
      });
      children.push(c);
      return c;
    };
    // setpriv execs the daemon itself (no wrapper process), so the child's pid is the daemon's.
    spawnDaemon("setpriv", [
      `--reuid=${mungeUid}`,
      `--regid=${mungeGid}`,
      "--clear-groups",
      `${SBIN}/munged`,
      "--foreground",
      `--socket=${socket}`,
      `--pid-file=${join(munge, "munged.pid")}`,
      `--log-file=${join(munge, "munged.log")}`,
      `--seed-file=${join(munge, "munged.seed")}`,
    ]);
    await waitFor("munged's socket", () => existsSync(socket), 10_000);

    const [ctldPort, slurmdPort, n1Port, n2Port] = await freePorts(4);
    const cpuCount = cpus().length;
    writeFileSync(
      conf,
      [
        "ClusterName=flowpytest",
        "SlurmctldHost=localhost",
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        "AuthType=auth/munge",
        `AuthInfo=socket=${socket}`,
        "CredType=cred/munge",
        "SlurmUser=root",
        "SlurmdUser=root",
        `StateSaveLocation=${join(dir, "state")}`,
        `SlurmdSpoolDir=${join(dir, "spool%n")}`,
        `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
        `SlurmdPidFile=${join(dir, "slurmd-%n.pid")}`,
        `SlurmctldLogFile=${join(dir, "log", "slurmctld.log")}`,
        `SlurmdLogFile=${join(dir, "log", "slurmd-%n.log")}`,
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "MpiDefault=none",
        "ReturnToService=2",
        "SchedulerParameters=sched_interval=1",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        `NodeName=n1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=${n1Port} CPUs=${cpuCount} RealMemory=1000 State=UNKNOWN`,
        `NodeName=n2 NodeHostname=localhost NodeAddr=127.0.0.1 Port=${n2Port} CPUs=${cpuCount} RealMemory=1000 State=UNKNOWN`,
        "PartitionName=debug Nodes=n1,n2 Default=YES MaxTime=INFINITE State=UP",
        "",
      ].join("\n"),
    );
    spawnDaemon(`${SBIN}/slurmctld`, ["-D", "-c"]);
    spawnDaemon(`${SBIN}/slurmd`, ["-D", "-N", "n1"]);
    spawnDaemon(`${SBIN}/slurmd`, ["-D", "-N", "n2"]);
    await waitFor(
      "both slurmd nodes to be idle",
      async () =>
        (await run("sinfo", ["-h", "-N", "-o", "%N %T"], env))
          .trim()
          .split("\n")
          .filter((l) => / idle$/.test(l)).length === 2,
      30_000,
    );

    if (!options.rest) return { dir, env, stop };
    const restUser = ensureRestUser();
    const restDir = join(dir, "rest");
    mkdirSync(restDir, { mode: 0o755 });
    chownSync(restDir, restUser.uid, restUser.gid);
    const restSocket = join(restDir, "rest.sock");
    spawnDaemon("setpriv", [
      `--reuid=${restUser.uid}`,
      `--regid=${restUser.gid}`,
      "--clear-groups",
      `${SBIN}/slurmrestd`,
      "-a",
      "rest_auth/local",
      "-s",
      "openapi/v0.0.38",
      `unix:${restSocket}`,
    ]);
    await waitFor("slurmrestd's socket", () => existsSync(restSocket), 10_000);
    return { dir, env, restSocket, restUser, stop };
  } catch (e) {
    const strays = await stop();
    const logs =
      strays.length > 0 ? ` (killed strays ${strays.join(", ")})` : "";
    throw new Error(`${e instanceof Error ? e.message : String(e)}${logs}`);
  }
}
