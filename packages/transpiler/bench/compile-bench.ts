/**
 * `pnpm bench`, section `compile`: latency of `compiler.compile` (the inference path) on a
 * model answer of 10, 30 and 100 steps, valid and invalid (a syntax error; a validation
 * error), as p50/p99 in microseconds and as a multiple of JSON.parse + JSON.stringify of
 * the agent-form JSON the valid answer compiles to.
 */
import { performance } from "node:perf_hooks";
import { createCompiler, type Compiler } from "../src/index.js";

export interface CompileFigures {
  readonly steps: number;
  readonly variant: "valid" | "syntax error" | "validation error";
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  readonly diagnostics: number;
}

/**
 * A valid answer with `steps` steps: the trigger, then a rotation of tags, an email with
 * Liquid, a condition with a quantifier, and a loop with a step in its body, all on
 * order_created, fenced the way models answer.
 */
export function syntheticAnswer(steps: number): string {
  const body: string[] = [];
  let made = 1;
  let i = 0;
  while (made < steps) {
    switch (i++ % 4) {
      case 0:
        body.push(
          `    shopify.admin.add_order_tags(order_id=order.id, tags=["batch-${i}"])`,
        );
        made += 1;
        break;
      case 1:
        body.push(
          `    shopify.flow.send_email(address="{{ order.email }}", subject="Order {{ order.name }} #${i}", message="{% for li in order.lineItems %}{{ li.sku }} x {{ li.quantity }}{% endfor %}")`,
        );
        made += 1;
        break;
      case 2:
        if (made + 2 > steps) continue;
        body.push(
          `    if order.totalPriceSet.shopMoney.amount > ${i} and any(lineItems_item.sku.startswith("GIFT") for lineItems_item in order.lineItems):`,
          `        shopify.admin.add_order_tags(order_id=order.id, tags=["gift-${i}"])`,
        );
        made += 2;
        break;
      case 3:
        if (made + 2 > steps) continue;
        body.push(
          "    for lineItemsForeachitem in order.lineItems:",
          `        shopify.flow.send_email(address="ops@example.com", subject="{{ lineItemsForeachitem.sku }}", message="{{ lineItemsForeachitem.quantity }} of ${i}")`,
        );
        made += 2;
        break;
    }
  }
  return [
    "Here is the workflow:",
    "",
    "```python",
    `@workflow("Synthetic ${steps}-step workflow")`,
    "@trigger(shopify.admin.order_created)",
    "def run(order):",
    ...body,
    "```",
  ].join("\n");
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

function latencies(fn: () => void, calls: number): number[] {
  for (let i = 0; i < Math.max(20, calls >> 3); i++) fn();
  const out: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    fn();
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

export async function benchCompile(): Promise<readonly CompileFigures[]> {
  const compiler: Compiler = await createCompiler();
  const figures: CompileFigures[] = [];
  for (const steps of [10, 30, 100]) {
    const valid = syntheticAnswer(steps);
    const compiled = compiler.compile(valid);
    if (!compiled.ok || compiled.workflow === undefined)
      throw new Error(
        `the synthetic ${steps}-step answer does not compile: ${JSON.stringify(compiled.diagnostics.slice(0, 3))}`,
      );
    const json = compiled.workflow;
    const lines = valid.split("\n");
    // The `if` nearest the middle of the answer loses its colon.
    const ifs = lines.flatMap((l, k) =>
      l.trimStart().startsWith("if ") ? [k] : [],
    );
    const middle = ifs[ifs.length >> 1];
    const syntax = lines
      .map((l, k) => (k === middle ? l.replace(/:$/, "") : l))
      .join("\n");
    const validation = valid.replace(
      "order.totalPriceSet.shopMoney.amount",
      "order.totalPriceSet.shopMoney.amout",
    );
    const calls = steps >= 100 ? 300 : 1000;
    const base = latencies(() => JSON.stringify(JSON.parse(json)), calls * 3);
    const b50 = quantile(base, 0.5);
    const b99 = quantile(base, 0.99);
    for (const [variant, text] of [
      ["valid", valid],
      ["syntax error", syntax],
      ["validation error", validation],
    ] as const) {
      const result = compiler.compile(text);
      if ((variant === "valid") !== result.ok)
        throw new Error(`${steps}-step ${variant} answer: ok=${result.ok}`);
      const xs = latencies(() => compiler.compile(text), calls);
      figures.push({
        steps,
        variant,
        p50Us: quantile(xs, 0.5),
        p99Us: quantile(xs, 0.99),
        p50Ratio: quantile(xs, 0.5) / b50,
        p99Ratio: quantile(xs, 0.99) / b99,
        diagnostics: result.diagnostics.length,
      });
    }
  }
  return figures;
}

export function printCompileFigures(figures: readonly CompileFigures[]): void {
  console.log(
    "\ncompile (raw model answer → agent-form JSON; p50/p99 µs, and × JSON.parse+stringify of that JSON at the same quantile):",
  );
  console.log(
    `  ${"steps".padStart(5)}  ${"answer".padEnd(17)} ${"p50 µs".padStart(9)} ${"p99 µs".padStart(9)} ${"p50 ×".padStart(7)} ${"p99 ×".padStart(7)}  diagnostics`,
  );
  for (const f of figures)
    console.log(
      `  ${String(f.steps).padStart(5)}  ${f.variant.padEnd(17)} ${f.p50Us.toFixed(0).padStart(9)} ${f.p99Us.toFixed(0).padStart(9)} ${f.p50Ratio.toFixed(1).padStart(7)} ${f.p99Ratio.toFixed(1).padStart(7)}  ${f.diagnostics}`,
    );
}
