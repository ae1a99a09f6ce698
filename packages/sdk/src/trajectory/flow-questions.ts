/**
 * Questions about Flow that are not workflow requests, with the answers a good agent gives
 * without any tool (facts from the Flow reference, in our own words).
 */
export interface FlowQuestion {
  readonly question: string;
  readonly answer: string;
}

export const flowFaq: readonly FlowQuestion[] = [
  {
    question: "Can I use Liquid inside a Flow condition?",
    answer:
      "No. A condition compares data paths (such as order.totalPriceSet.shopMoney.amount) with fixed values or with other paths, and Liquid is not evaluated there. Liquid belongs in the text fields of actions, like an email body or a tag. If you need a computed value in a condition, compute it in an earlier step (for example Run code) and compare that step's output.",
  },
  {
    question: "How many items can a For each loop go through?",
    answer:
      "At most 100 items per run: the steps on the loop body run once for each of them. For longer lists, narrow the list first, for example with a Get data step whose query returns only the records you need.",
  },
  {
    question: "How long can a Wait step pause my workflow?",
    answer:
      "Up to 90 days. When the run resumes, Flow reads the data again, so conditions after the wait see the current state of the order or customer rather than the state when the workflow started.",
  },
  {
    question: "Why can't I turn on the workflow you created for me?",
    answer:
      "Workflows created from the chat are saved as hidden drafts so nothing runs before you have looked at them. Open the workflow in Shopify Flow, review its steps, save it as a visible workflow, and then turn it on.",
  },
  {
    question: "What happens to steps on the false branch of a condition?",
    answer:
      "They run only when the condition does not hold; the steps on the true branch run when it does. A branch can stay empty, in which case the run simply ends there.",
  },
  {
    question:
      "How long does a Send HTTP request step wait for the other server?",
    answer:
      "About 30 seconds. If the server answers with an error status, what happens next depends on the step's error settings; for slow endpoints, have the server accept the request quickly and do the work afterwards.",
  },
  {
    question:
      "If a Shopify task and an app task can both do what I need, which should I use?",
    answer:
      "Prefer a task that is already installed in your store. Among those, Shopify's own tasks come first, then Flow's built-in ones, then connectors and other apps. Only pick an app task when it does something the built-in ones cannot.",
  },
];
