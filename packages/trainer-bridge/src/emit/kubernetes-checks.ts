import { codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "@flowpy/sdk";
import { error } from "../diagnostics/diagnostic.js";
import type { KubernetesOptions } from "./kubernetes-options.js";
import { checkAbsolutePath } from "./option-checks.js";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
const RESOURCE_NAME =
  /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Kubernetes naming rules the API server would enforce, reported before anything is sent. */
export function kubernetesOptionProblems(k: KubernetesOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (path: string[], message: string) =>
    out.push(
      error(codes.emitInvalidOptions, message, {
        path: ["kubernetes", ...path],
      }),
    );
  if (!DNS_LABEL.test(k.namespace) || k.namespace.length > 63)
    bad(["namespace"], `namespace "${k.namespace}" is not a DNS label`);
  if (
    k.queueName !== undefined &&
    (!LABEL_VALUE.test(k.queueName) || k.queueName.length > 63)
  )
    bad(
      ["queueName"],
      `queue name "${k.queueName}" is not a valid label value`,
    );
  if (!DNS_LABEL.test(k.runtimeName))
    bad(["runtimeName"], `runtime name "${k.runtimeName}" is not a DNS label`);
  if (!RESOURCE_NAME.test(k.gpuResource))
    bad(["gpuResource"], `"${k.gpuResource}" is not a resource name`);
  for (const [name, quantity] of Object.entries(k.extraLimitsPerNode)) {
    if (!RESOURCE_NAME.test(name))
      bad(["extraLimitsPerNode", name], `"${name}" is not a resource name`);
    if (!QUANTITY.test(quantity))
      bad(
        ["extraLimitsPerNode", name],
        `"${quantity}" is not a Kubernetes quantity`,
      );
  }
  if (!QUANTITY.test(k.shmSizeLimit))
    bad(["shmSizeLimit"], `"${k.shmSizeLimit}" is not a Kubernetes quantity`);
  out.push(...checkAbsolutePath(k.configDir, ["kubernetes", "configDir"]));
  return out;
}
