import { readFile, stat } from "node:fs/promises";
import { basename, relative, sep } from "node:path";
import { findWorkflowFiles } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import {
  defaultMaxLineBytes,
  sourceFailure,
  type RecordOutcome,
} from "./read-workflow-records.js";
import { checkWorkflowRecord } from "./workflow-record.js";

/** The merchant of a document that sits directly in the folder, not in a topic folder. */
export const rootMerchant = "root";

/**
 * A folder of workflow documents (such as the bundled corpus) as records, one per file in
 * `findWorkflowFiles` order (sorted paths, error cases and metadata skipped): `workflow_id`
 * is the path relative to `dir` with `/` separators, `merchant_id` its top-level folder
 * (`root` for files directly in `dir`), `last_run_at` null and no run statistics. A
 * document that does not read is a bad record like any other; a missing folder gives one
 * bad outcome with record number 0.
 */
export async function* corpusRecords(
  dir: string,
): AsyncGenerator<RecordOutcome> {
  const files = findWorkflowFiles(dir);
  if (files === undefined) {
    yield sourceFailure(dir, "it does not exist");
    return;
  }
  let index = 0;
  for (const file of files) {
    index += 1;
    const rel = relative(dir, file).split(sep).join("/") || basename(file);
    const parts = rel.split("/");
    const merchant =
      parts.length > 1 ? (parts[0] ?? rootMerchant) : rootMerchant;
    const size = (await stat(file)).size;
    if (size > defaultMaxLineBytes) {
      yield {
        ok: false,
        index,
        raw: "",
        workflowId: rel,
        diagnostics: [
          {
            code: sdkCodes.recordTooLarge,
            severity: "error",
            message: `${rel} is ${size} bytes, over the cap of ${defaultMaxLineBytes}`,
          },
        ],
      };
      continue;
    }
    const text = await readFile(file, "utf8");
    const checked = checkWorkflowRecord({
      workflow_id: rel,
      merchant_id: merchant,
      workflow: text,
      last_run_at: null,
    });
    yield checked.ok
      ? { ok: true, index, record: checked.value }
      : {
          ok: false,
          index,
          raw: text,
          workflowId: rel,
          diagnostics: checked.diagnostics,
        };
  }
}
