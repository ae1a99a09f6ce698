import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { createHash } from "node:crypto";

/** Temp files are `.<name>.tmp-flowpy` beside their target, so a restart can find and remove them. */
const TEMP_SUFFIX = ".tmp-flowpy";

export function tempPath(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_SUFFIX}`);
}

/** Removes temp files a killed run left in `dir` (never anything else). */
export function removeStaleTemps(dir: string): void {
  for (const name of readdirSync(dir))
    if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX))
      rmSync(join(dir, name), { force: true });
}

/** Flushes a file's bytes to disk, then its directory entry after a rename. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a finished temp file the target: fsync, rename over the target, fsync the folder. */
export function commitTemp(temp: string, target: string): void {
  fsyncPath(temp);
  renameSync(temp, target);
  try {
    fsyncPath(dirname(target));
  } catch {
    // Some file systems refuse to open a directory for fsync; the rename is still atomic.
  }
}

/** A file written piece by piece under its temp name; `commit` makes it appear whole. */
export interface AtomicWriter {
  write(text: string): void;
  /** Renames into place and returns the sha256 and size of what was written. */
  commit(): { readonly sha256: string; readonly bytes: number };
}

export function atomicWriter(target: string): AtomicWriter {
  const temp = tempPath(target);
  const fd = openSync(temp, "w");
  const hash = createHash("sha256");
  let bytes = 0;
  return {
    write(text) {
      const buffer = Buffer.from(text, "utf8");
      hash.update(buffer);
      bytes += buffer.length;
      let offset = 0;
      while (offset < buffer.length)
        offset += writeSync(fd, buffer, offset, buffer.length - offset);
    },
    commit() {
      fsyncSync(fd);
      closeSync(fd);
      commitTemp(temp, target);
      return { sha256: hash.digest("hex"), bytes };
    },
  };
}

/** Writes a whole small file atomically. */
export function writeFileAtomic(
  target: string,
  text: string,
): { readonly sha256: string; readonly bytes: number } {
  const w = atomicWriter(target);
  w.write(text);
  return w.commit();
}
