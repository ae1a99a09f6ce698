/**
 * Replaces every occurrence of the given secret values in `text` with `***`. Submitters run
 * all engine-supplied text (error bodies, stderr) through this before it reaches a diagnostic,
 * so a server that echoes a token back cannot leak it. Values shorter than 4 characters are
 * ignored: masking them would garble ordinary text and they are no credentials.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length))
    if (s.length >= 4) out = out.split(s).join("***");
  return out;
}

/** Variables that locate things rather than prove identity; everything else counts as secret. */
const NOT_SECRET = new Set([
  "PATH",
  "SLURM_CONF",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LC_ALL",
  "TZ",
  "TMPDIR",
  "PWD",
]);

/**
 * The values of an environment that must never be repeated: all of them except a few
 * well-known locations. Erring this way keeps an unforeseen credential (a token passed by
 * name to the job) out of diagnostics at the price of masking an odd path.
 */
export function secretValues(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env)
    .filter(([k]) => !NOT_SECRET.has(k))
    .map(([, v]) => v);
}
