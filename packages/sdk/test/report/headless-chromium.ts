/**
 * A headless Chromium driven over the DevTools protocol through `--remote-debugging-pipe`
 * (NUL-separated JSON on fds 3 and 4), so the report test needs no browser-automation
 * dependency. Every step is time-bound, and `close` kills the whole process group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { Readable, Writable } from "node:stream";

export const installHint =
  "Debian's chromium is needed for the report test: apt-get install -y chromium (it is on the apt line of .ci/run)";

export interface CdpEvent {
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly sessionId?: string;
}

export interface Browser {
  /** Sends a command (to the page session when given) and resolves with its result. */
  send(
    method: string,
    params?: Readonly<Record<string, unknown>>,
    sessionId?: string,
  ): Promise<Record<string, unknown>>;
  /** Every event received so far, in order. */
  readonly events: readonly CdpEvent[];
  /** Resolves with the first event (past or future) that satisfies `test`. */
  waitFor(test: (e: CdpEvent) => boolean, what: string): Promise<CdpEvent>;
  close(): Promise<void>;
}

/** Debian's `chromium` on the PATH, or undefined. */
export function chromiumPath(): string | undefined {
  return (process.env["PATH"] ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "")
    .map((dir) => join(dir, "chromium"))
    .find((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

interface Pending {
  readonly resolve: (r: Record<string, unknown>) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export async function launchChromium(
  executable: string,
  stepTimeoutMs = 10_000,
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "flowpy-chromium-"));
  const child: ChildProcess = spawn(
    executable,
    [
      "--headless",
      "--no-sandbox",
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      "--disable-gpu",
      "--no-first-run",
      "--no-default-browser-check",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--mute-audio",
      "about:blank",
    ],
    {
      // A process group of its own, so closing kills the renderers and helpers too.
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    },
  );
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });

  const pending = new Map<number, Pending>();
  const events: CdpEvent[] = [];
  const waiters: { test: (e: CdpEvent) => boolean; done: () => void }[] = [];
  let exited: Error | undefined;
  let nextId = 1;
  let buffered = Buffer.alloc(0);

  const failAll = (error: Error): void => {
    exited ??= error;
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    pending.clear();
  };
  child.on("exit", (code, signal) =>
    failAll(
      new Error(
        `chromium exited (${code ?? signal ?? "?"}); stderr tail: ${stderr}`,
      ),
    ),
  );
  child.on("error", (e) => failAll(e));
  input.on("error", (e) => failAll(e));

  output.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end = buffered.indexOf(0); end >= 0; end = buffered.indexOf(0)) {
      const text = buffered.subarray(0, end).toString("utf8");
      buffered = buffered.subarray(end + 1);
      const message = JSON.parse(text) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const p = pending.get(message.id);
        if (p === undefined) continue;
        pending.delete(message.id);
        clearTimeout(p.timer);
        if (message.error !== undefined)
          p.reject(new Error(`CDP error: ${message.error.message}`));
        else p.resolve(message.result ?? {});
      } else if (message.method !== undefined) {
        const event: CdpEvent = {
          method: message.method,
          params: message.params ?? {},
          ...(message.sessionId === undefined
            ? {}
            : { sessionId: message.sessionId }),
        };
        events.push(event);
        for (const w of waiters.filter((w) => w.test(event))) w.done();
      }
    }
  });

  const send = (
    method: string,
    params: Readonly<Record<string, unknown>> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      if (exited !== undefined) {
        reject(exited);
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`CDP ${method} got no answer in ${stepTimeoutMs} ms`));
      }, stepTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      input.write(
        JSON.stringify({
          id,
          method,
          params,
          ...(sessionId === undefined ? {} : { sessionId }),
        }) + "\0",
      );
    });

  const waitFor = (
    test: (e: CdpEvent) => boolean,
    what: string,
  ): Promise<CdpEvent> =>
    new Promise((resolve, reject) => {
      const seen = events.find(test);
      if (seen !== undefined) {
        resolve(seen);
        return;
      }
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`no ${what} within ${stepTimeoutMs} ms`));
      }, stepTimeoutMs);
      const waiter = {
        test,
        done: () => {
          clearTimeout(timer);
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          resolve(events.find(test) as CdpEvent);
        },
      };
      waiters.push(waiter);
    });

  // Should the test process itself end early, the browser's process group goes with it.
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killGroup);

  const close = async (): Promise<void> => {
    process.removeListener("exit", killGroup);
    if (child.exitCode === null && child.signalCode === null) {
      let timer: NodeJS.Timeout | undefined;
      const gone = new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        timer = setTimeout(resolve, stepTimeoutMs);
      });
      killGroup();
      await gone;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  };

  try {
    // The browser answers on the pipe once it is up; this also proves the pipe works.
    await send("Browser.getVersion");
  } catch (e) {
    await close();
    throw e;
  }
  return { send, events, waitFor, close };
}

export interface PageVisit {
  readonly sessionId: string;
  /** Console calls of type error/warning/assert, log entries of level error/warning. */
  readonly problems: readonly string[];
  readonly exceptions: readonly string[];
  /** URLs of every request the page made. */
  readonly requests: readonly string[];
}

/** Opens `url` in a new tab, waits for its load event, and collects what went wrong. */
export async function openPage(
  browser: Browser,
  url: string,
  media?: readonly { readonly name: string; readonly value: string }[],
): Promise<PageVisit & { readonly settle: () => PageVisit }> {
  const { targetId } = (await browser.send("Target.createTarget", {
    url: "about:blank",
  })) as { targetId: string };
  const { sessionId } = (await browser.send("Target.attachToTarget", {
    targetId,
    flatten: true,
  })) as { sessionId: string };
  const mine = (e: CdpEvent): boolean => e.sessionId === sessionId;
  for (const domain of ["Page", "Runtime", "Log", "Network"])
    await browser.send(`${domain}.enable`, {}, sessionId);
  if (media !== undefined)
    await browser.send(
      "Emulation.setEmulatedMedia",
      { features: media },
      sessionId,
    );
  const from = browser.events.length;
  await browser.send("Page.navigate", { url }, sessionId);
  await browser.waitFor(
    (e) =>
      mine(e) &&
      e.method === "Page.loadEventFired" &&
      browser.events.indexOf(e) >= from,
    `load event for ${url}`,
  );
  const settle = (): PageVisit => {
    const own = browser.events.filter(mine);
    return {
      sessionId,
      problems: own.flatMap((e) => {
        if (e.method === "Runtime.consoleAPICalled") {
          const type = String(e.params["type"]);
          return ["error", "warning", "assert"].includes(type)
            ? [`console.${type}: ${JSON.stringify(e.params["args"])}`]
            : [];
        }
        if (e.method === "Log.entryAdded") {
          const entry = e.params["entry"] as { level: string; text: string };
          return ["error", "warning"].includes(entry.level)
            ? [`log ${entry.level}: ${entry.text}`]
            : [];
        }
        return [];
      }),
      exceptions: own
        .filter((e) => e.method === "Runtime.exceptionThrown")
        .map((e) => JSON.stringify(e.params["exceptionDetails"])),
      requests: own
        .filter((e) => e.method === "Network.requestWillBeSent")
        .map((e) => String((e.params["request"] as { url: string }).url)),
    };
  };
  return { ...settle(), settle };
}

/** Evaluates an expression in the page and returns its JSON value. */
export async function evaluate(
  browser: Browser,
  sessionId: string,
  expression: string,
): Promise<unknown> {
  const r = (await browser.send(
    "Runtime.evaluate",
    { expression, returnByValue: true, awaitPromise: true },
    sessionId,
  )) as {
    result: { value?: unknown };
    exceptionDetails?: { text: string };
  };
  if (r.exceptionDetails !== undefined)
    throw new Error(
      `page threw on ${expression}: ${JSON.stringify(r.exceptionDetails)}`,
    );
  return r.result.value;
}
