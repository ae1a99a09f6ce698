import { PythonParser } from "./grammar.js";

/**
 * Building the parser runs chevrotain's grammar analysis (~100 ms), so one instance is
 * built lazily and reused. Sharing is safe: parsing is synchronous, `parseModule` resets
 * the input (and with it the errors) on every call, and nothing else is kept between calls.
 */
let instance: PythonParser | undefined;

export function getPythonParser(): PythonParser {
  instance ??= new PythonParser();
  return instance;
}
