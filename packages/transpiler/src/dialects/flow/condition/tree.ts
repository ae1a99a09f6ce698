/**
 * The JSON condition tree (SPEC §b.3) in both directions. Decoding validates strictly and
 * flattens the binary shape; encoding picks the export's key order and left-nested chains.
 * See `decode-tree.ts` and `encode-tree.ts`.
 */
export {
  decodeConditionTree,
  type DecodedConditionTree,
} from "./decode-tree.js";
export {
  encodeConditionTree,
  type EncodeConditionTreeOptions,
} from "./encode-tree.js";
export type {
  TreeArrayExpression,
  TreeComparison,
  TreeLogicalExpression,
  TreeOperation,
  TreeQuantifier,
  TreeValue,
} from "./tree-nodes.js";
