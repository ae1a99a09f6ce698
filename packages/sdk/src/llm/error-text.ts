/** The `code` of a Node system error (`ENOENT`, `ECONNRESET`, …). */
export function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e
    ? String(e.code)
    : undefined;
}

/** A thrown value as one line of text, without a stack. */
export function errorText(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e) {
    const cause =
      "cause" in e && typeof e.cause === "object" && e.cause !== null
        ? errorText(e.cause)
        : undefined;
    const code = errorCode(e);
    const head = `${String(e.message)}${code !== undefined ? ` (${code})` : ""}`;
    return cause !== undefined ? `${head}: ${cause}` : head;
  }
  return String(e);
}
