import { layoutCases } from "./layout-cases.js";
import { blackCheck } from "./black-oracle.js";
import { printPython } from "../../../src/python/print/print-python.js";
const outs = layoutCases.map((c) => printPython(c.module));
const verdicts = await blackCheck(outs);
layoutCases.forEach((c, i) => {
  const same = outs[i] === c.expected;
  console.log(`${verdicts[i]!.ok ? "black-ok" : "BLACK-FAIL"} ${same ? "same" : "DIFF"} ${c.name}`);
  if (!same) console.log(outs[i]);
  if (!verdicts[i]!.ok) console.log((verdicts[i] as { report: string }).report);
});
