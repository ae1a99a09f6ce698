import { z } from "zod";

/** zod's issue kind for refinements (a zod name, not one of our diagnostic codes). */
const zodCustomIssue = "custom";

export const requestKinds = ["create", "edit", "question"] as const;

/** What the merchant asks for: a new workflow, a change to one, or something else (answered, not built). */
export type RequestKind = (typeof requestKinds)[number];

/**
 * One benchmark example. `reference` is the workflow a correct answer is equivalent to
 * (Flow JSON); `shouldDecline` marks questions and out-of-scope requests, where a correct
 * answer submits no workflow at all. Exactly one of the two is set.
 */
export const evalExampleSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(requestKinds),
    /** The merchant's messages, in order; each starts a new agent turn sequence. */
    messages: z.array(z.string().min(1)).min(1),
    /** Edits: the merchant's workflow before the change (Flow JSON). */
    currentWorkflow: z.string().min(1).optional(),
    reference: z.string().min(1).optional(),
    shouldDecline: z.boolean().optional(),
    shop: z
      .object({ installedTaskIds: z.array(z.string()) })
      .strict()
      .optional(),
    tags: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    const declines = e.shouldDecline === true;
    if (declines === (e.reference !== undefined))
      ctx.addIssue({
        code: zodCustomIssue,
        message: declines
          ? "an example that should be declined has no reference workflow"
          : "an example needs a reference workflow or shouldDecline: true",
        path: ["reference"],
      });
    if (e.kind === "edit" && e.currentWorkflow === undefined)
      ctx.addIssue({
        code: zodCustomIssue,
        message: "an edit example needs the current workflow",
        path: ["currentWorkflow"],
      });
  });

export type EvalExample = z.output<typeof evalExampleSchema>;
