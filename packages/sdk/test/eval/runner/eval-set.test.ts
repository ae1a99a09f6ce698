import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDatasetRow,
  evalSetFromDatasetRows,
  readEvalSetJsonl,
  sameWorkflow,
  sdkCodes,
  type DatasetRow,
  type EvalExample,
} from "../../../src/index.js";
import { buildFixtures, type Fixtures } from "./fixtures.js";

let fx: Fixtures;
beforeAll(async () => {
  fx = await buildFixtures();
});

describe("readEvalSetJsonl", () => {
  it("reads every good line and names each bad one by line and column span", () => {
    const good = fx.examples.map((e) => JSON.stringify(e));
    const text = [
      good[0],
      "not json",
      "",
      JSON.stringify({ id: "q", kind: "question", messages: ["hi"] }),
      good[1],
      JSON.stringify({
        ...fx.examples[1],
        kind: "edit",
        currentWorkflow: undefined,
      }),
      good[0],
      JSON.stringify({ ...fx.examples[4], extra: 1 }),
    ].join("\n");
    const read = readEvalSetJsonl(text, "set.jsonl");
    if (!read.ok) throw new Error(read.diagnostics[0]?.message);
    expect(read.value).toEqual([fx.examples[0], fx.examples[1]]);
    expect(read.diagnostics.map((d) => [d.code, d.span?.start.line])).toEqual(
      [2, 4, 6, 7, 8].map((l) => [sdkCodes.evalRunInvalidExample, l]),
    );
    expect(read.diagnostics[0]?.message).toMatch(/^set\.jsonl:2: not JSON/);
    expect(read.diagnostics[1]?.message).toContain("shouldDecline");
    expect(read.diagnostics[2]?.message).toContain("current workflow");
    expect(read.diagnostics[3]?.message).toContain("occurs earlier");
    const lines = text.split("\n");
    const second = read.diagnostics[0]?.span;
    expect(text.slice(second?.start.offset, second?.end.offset)).toBe(lines[1]);
  });

  it("fails on a set with no usable example", () => {
    const read = readEvalSetJsonl("\n{}\n");
    expect(read.ok).toBe(false);
    expect(read.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.evalRunInvalidExample,
      sdkCodes.evalRunEmptyEvalSet,
    ]);
  });
});

describe("evalSetFromDatasetRows", () => {
  it("turns rows of ideal conversations back into the examples they came from", () => {
    const rows: DatasetRow[] = fx.scripted.map((s) => {
      const row = buildDatasetRow(
        s.trajectory.conversation,
        {
          id: s.example.id,
          source: "test",
          variant: s.trajectory.variant,
          tasks: [],
        },
        { enableThinking: false },
      );
      if (!row.ok) throw new Error(row.diagnostics[0]?.message);
      return row.value;
    });
    const broken: DatasetRow = {
      ...(rows[0] as DatasetRow),
      meta: { ...(rows[0] as DatasetRow).meta, id: "broken" },
      messages: (rows[0] as DatasetRow).messages.filter(
        (m) => m.role !== "assistant",
      ),
    };
    const read = evalSetFromDatasetRows(
      [...rows, broken, rows[0] as DatasetRow],
      {
        compiler: fx.env.compiler,
        toolSet: fx.env.toolSet,
      },
    );
    if (!read.ok) throw new Error(read.diagnostics[0]?.message);
    const plain = ({
      tags: _tags,
      reference: _reference,
      currentWorkflow: _current,
      ...e
    }: EvalExample) => e;
    expect(read.value.map(plain)).toEqual(fx.examples.map(plain));
    // The reference is the compiled submission: the same workflow as the source, re-spelled.
    for (const [i, e] of read.value.entries()) {
      const want = fx.examples[i];
      for (const key of ["reference", "currentWorkflow"] as const) {
        const got = e[key];
        const expected = want?.[key];
        expect(got === undefined, `${e.id} ${key}`).toBe(
          expected === undefined,
        );
        if (got !== undefined && expected !== undefined)
          expect(sameWorkflow(got, expected), `${e.id} ${key}`).toBe(true);
      }
    }
    expect(read.value[0]?.tags).toEqual(["variant:create"]);
    expect(read.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('"broken": no submitted Python'),
      expect.stringContaining("occurs earlier"),
    ]);
  });
});
