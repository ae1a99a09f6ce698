import { checkFlowRoundTrip } from "@flowpy/transpiler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  createTrajectoryEnvironment,
} from "../../src/index.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";
import { documentBody, runs, trajectoryRefusals, unescaped } from "./checks.js";
import { plainFiller, secrets } from "./secret-arbitraries.js";
import { exportForm } from "./seeds.js";

const env = await createTrajectoryEnvironment();
const redactor = createRedactor({ salt: "round-trip-property" });
/** Each run builds two trajectories and checks three round trips: a fifth of the cheap tests' count. */
const numRuns = Math.max(50, Math.round(runs / 5));

interface Step {
  task_id: string;
  task_version: string;
  description?: string;
  config_field_values: { config_field_id: string; value: string }[];
}
interface Document {
  root: { steps: Step[] };
}

/** A place merchant text sits in a workflow, and how a text is put there. */
type Put = (document: Document, text: string) => void;

/**
 * The places of a workflow that hold free merchant text, by the catalog's field types:
 * a step's note, Liquid text fields (appended to), tag lists (one more tag), HTTP headers
 * (one more header) and condition literals (one more comparison).
 */
function places(document: Document): readonly Put[] {
  const out: Put[] = [];
  document.root.steps.forEach((step, s) => {
    const stepOf = (d: Document): Step => {
      const found = d.root.steps[s];
      if (found === undefined) throw new Error(`no step ${s}`);
      return found;
    };
    out.push((d, text) => {
      const target = stepOf(d);
      target.description = `${target.description ?? ""} ${text}`.trim();
    });
    const task = env.catalog.task(step.task_id, step.task_version);
    step.config_field_values.forEach((entry, e) => {
      const type = task?.config_fields.find(
        (f) => f.id === entry.config_field_id,
      )?.type;
      const update =
        (change: (value: string, text: string) => string | undefined): Put =>
        (d, text) => {
          const config = stepOf(d).config_field_values[e];
          if (config === undefined) throw new Error(`no config ${e}`);
          config.value = change(config.value, text) ?? config.value;
        };
      const jsonArray = (value: string): unknown[] | undefined => {
        try {
          const parsed: unknown = JSON.parse(value);
          return Array.isArray(parsed) ? parsed : undefined;
        } catch {
          return undefined;
        }
      };
      switch (type) {
        case "liquid":
          out.push(update((value, text) => `${value} ${text}`));
          break;
        case "list":
          if (jsonArray(entry.value)?.every((t) => typeof t === "string"))
            out.push(
              update((value, text) =>
                JSON.stringify([...(jsonArray(value) ?? []), text]),
              ),
            );
          break;
        case "headers":
          if (jsonArray(entry.value) !== undefined)
            out.push(
              update((value, text) =>
                JSON.stringify([
                  ...(jsonArray(value) ?? []),
                  ["X-Merchant-Note", text],
                ]),
              ),
            );
          break;
        case "condition":
          // The DSL form; a JSON condition tree is left as it is.
          if (entry.value.startsWith("("))
            out.push(
              update((value, text) => `(${value} && (shop.name == '${text}'))`),
            );
          break;
      }
    });
  });
  return out;
}

const workflows = corpusWorkflows().filter(
  (w) => trajectoryRefusals(w.text, env).length === 0,
);

const secret = fc.oneof(...Object.values(secrets));
/** What may stand between the text and the secret: Markdown fences too (an email with a code block). */
const separator = fc.constantFrom(" ", "\n", "\n```\n", "\n~~~~~~~~\n");
const insertion = fc.record({
  place: fc.nat(),
  before: plainFiller,
  separator,
  secret,
  after: plainFiller,
});

describe("redacting generated merchant data put into any corpus workflow", () => {
  it("the trajectory builder takes nearly every corpus workflow as it is", () => {
    expect(workflows.length).toBeGreaterThan(corpusWorkflows().length * 0.9);
  });

  it(
    "leaves none of it, and the redacted workflow round-trips exactly and passes the trajectory builder",
    () => {
      fc.assert(
        fc.property(
          fc.nat(workflows.length - 1),
          fc.array(insertion, { minLength: 1, maxLength: 5 }),
          (index, insertions) => {
            const workflow = workflows[index];
            if (workflow === undefined) throw new Error(`no workflow ${index}`);
            const exported = documentBody(workflow.text) !== workflow.text;
            const document = JSON.parse(
              documentBody(workflow.text),
            ) as Document;
            const where = places(document);
            for (const i of insertions)
              // A comma after the secret: "+1 415 555 0132 100" is ambiguous even to a reader.
              where[i.place % where.length]?.(
                document,
                `${i.before}${i.separator}${i.secret.text}, ${i.after}`.trim(),
              );
            const json = exported
              ? exportForm(document)
              : JSON.stringify(document, null, 2);
            // The seeded workflow is a valid one to begin with.
            expect(checkFlowRoundTrip(json).status).toBe("ok");
            expect(trajectoryRefusals(json, env)).toEqual([]);

            const result = redactor.workflow(json);
            if (!result.ok)
              throw new Error(
                `${workflow.name}: ${JSON.stringify(result.diagnostics)}`,
              );
            const out = result.value.json;
            for (const { secret: s } of insertions) {
              expect(out).not.toContain(s.secret);
              expect(unescaped(out)).not.toContain(s.secret);
            }
            const trip = checkFlowRoundTrip(out);
            expect(trip.status).toBe("ok");
            expect(trip.lossless?.exactText).toBe(true);
            expect(trajectoryRefusals(out, env)).toEqual([]);
          },
        ),
        { numRuns },
      );
    },
    Math.max(120_000, numRuns * 1000),
  );
});
