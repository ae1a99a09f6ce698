import type { CompileResult, Compiler } from "@flowpy/transpiler";
import { boundedCache } from "../bounded-cache.js";

/**
 * A compiler that remembers its recent answers by the exact text compiled. Building and
 * verifying one trajectory compiles the same program several times (the builder's round
 * trip, the submission it makes, the verifier's re-run of that call and its own check of the
 * final submission). `compile` is a pure function of its text ("same input → same result")
 * and its results are read-only data, so a remembered answer is the answer: the verifier
 * still reads the program out of the conversation itself, re-runs every call and checks
 * every rule; it just does not pay twice for the same compilation. The memory belongs to
 * the returned compiler and is bounded (`boundedCache`, `size` entries a generation).
 */
export function memoCompiler(compiler: Compiler, size = 8): Compiler {
  const known = boundedCache<string, CompileResult>(size);
  return {
    compile: (raw) => {
      const hit = known.get(raw);
      if (hit !== undefined) return hit;
      const result = compiler.compile(raw);
      known.set(raw, result);
      return result;
    },
  };
}
