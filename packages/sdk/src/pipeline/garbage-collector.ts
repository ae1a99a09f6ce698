import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Runs a full garbage collection once at least `everyBytes` of row and workflow text have
 * passed through the pipeline since the last one (the caller reports the bytes of each
 * batch it read and let go). Why the pipeline cannot leave it to V8: every DuckDB result
 * keeps its data chunks in native memory until the JavaScript objects wrapping them are
 * finalized, and the bindings do not report that memory to V8, so V8 sees a ~10 MB batch
 * of rows as a few small objects and lets dead batches pile up; and V8 grows its
 * old-generation limit with the run's length, so on a long run garbage alone takes the
 * heap to several times what the pipeline keeps. A collection every few batches (a tenth
 * of a second against seconds of work) keeps both at a few batches' worth whatever the
 * input's size.
 *
 * Uses the process's `gc` when it was started with `--expose-gc`; otherwise exposes it to
 * a fresh context only (the flag affects contexts created after it, so the caller's global
 * scope is left as it was).
 */
export function garbageCollector(everyBytes: number): (bytes: number) => void {
  const gc = fullCollection();
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < everyBytes) return;
    since = 0;
    gc();
  };
}

function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return () => exposed();
  let fresh: unknown;
  try {
    setFlagsFromString("--expose-gc");
    try {
      fresh = runInNewContext("gc");
    } finally {
      setFlagsFromString("--no-expose-gc");
    }
  } catch {
    // A runtime that does not take V8 flags: collections then come on V8's own schedule.
  }
  if (typeof fresh !== "function") return () => undefined;
  const gc = fresh as () => void;
  return () => gc();
}
