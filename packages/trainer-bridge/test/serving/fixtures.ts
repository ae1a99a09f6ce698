import {
  defaultTrainingSpec,
  exampleDatasetFacts,
  sha256Hex,
  type DatasetFacts,
  type TrainingSpec,
} from "../../src/index.js";

/** A template with the characters YAML and JSON care about: newlines, quotes, braces, '&', '#', trailing spaces. */
export const TEMPLATE =
  "{%- for message in messages %}\n{{- '<|im_start|>' + message.role + '\\n' }}  \n# not a comment & \"quoted\": {{ message.content }}\n{%- endfor %}\n";

export const facts: DatasetFacts = {
  ...exampleDatasetFacts,
  chatTemplate: { sha256: sha256Hex(TEMPLATE), source: "test fixture" },
};

export const spec: TrainingSpec = defaultTrainingSpec(facts);

export function factsWith(change: Partial<DatasetFacts>): DatasetFacts {
  return { ...facts, ...change };
}
