import type { DialectFacts } from "./dialect.js";
import type { DocumentForm } from "./document-form.js";
import type { JsonNode } from "../json/json-node.js";

/**
 * Everything about a document that its Python form does not say: how it sat on disk, the
 * original document (whose spellings the reconciler reuses wherever meaning is unchanged)
 * and the dialect's own facts. Trivia is plain JSON-serialisable data; the Python never
 * contains any of it, and the Python alone decides what the document means.
 */
export interface Trivia {
  readonly dialect: string;
  readonly form: DocumentForm;
  readonly original: JsonNode;
  readonly facts: DialectFacts;
}
