/**
 * The facets the judge rates separately, in report order. Each facet is a question a
 * reviewer answers about one conversation; the judge's prompt and the annotation guide ask
 * the same question.
 */
export const judgeFacets = [
  {
    id: "intent",
    question: "Did the assistant understand what the merchant wanted?",
  },
  {
    id: "flow_fit",
    question:
      "Did it choose Flow when Flow fits, or rightly decline (a question, or something Flow cannot do)?",
  },
  {
    id: "components",
    question:
      "Did it select the correct trigger, conditions and actions for the job?",
  },
  {
    id: "configuration",
    question:
      "Did it configure them correctly (fields, condition values, Liquid, variables)?",
  },
  {
    id: "next_steps",
    question:
      "Did it give clear next steps (what to check, connect or turn on before the workflow runs)?",
  },
] as const;

export type JudgeFacet = (typeof judgeFacets)[number]["id"];

export const judgeFacetIds: readonly JudgeFacet[] = judgeFacets.map(
  (f) => f.id,
);

/**
 * Rating scales: `binary` labels are 0 (the facet is not met) and 1 (met); `ordinal_1_5`
 * labels are 1 (very poor) to 5 (excellent). Labels are numbers so that ranks, weighted kappa
 * and thresholds need no lookup table.
 */
export const ratingScales = {
  binary: [0, 1],
  ordinal_1_5: [1, 2, 3, 4, 5],
} as const satisfies Record<string, readonly number[]>;

export type RatingScale = keyof typeof ratingScales;
