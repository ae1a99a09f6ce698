/**
 * Positions in source text. Stated once for the whole project:
 * `offset` is 0-based (UTF-16 code units), `line` is 1-based, `column` is 1-based
 * (UTF-16 code units), so `line:column` can be shown to users as is.
 * `end` is exclusive.
 */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface Span {
  readonly start: Position;
  readonly end: Position;
}
