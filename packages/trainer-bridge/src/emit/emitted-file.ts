/** One generated file: a path relative to the job's directory and its exact text. */
export interface EmittedFile {
  readonly path: string;
  readonly content: string;
  readonly executable: boolean;
}
