import { z } from "zod";
import type { ChatMessage } from "../conversation/chat-message.js";
import { chatMessageSchema } from "../dataset/write-dataset.js";

/**
 * One production conversation, a line of the flywheel's input JSONL:
 *
 * ```json
 * {"conversation_id":"conv-2026-11-17-0042","merchant_id":"m_5f1c9a","timestamp":"2026-11-17T09:12:44Z",
 *  "messages":[{"role":"user","content":"Tag orders over $500 as VIP"},{"role":"assistant","content":"Done: …"}],
 *  "final_workflow":"{\"steps\":[…],\"links\":[…]}","activated":true,"feedback":{"rating":"up"}}
 * ```
 *
 * `merchant_id` is already anonymized upstream (a stable pseudonym, never a shop domain).
 * `timestamp` is ISO 8601 with seconds and an offset. `messages` are OpenAI chat messages
 * (string contents; assistant `tool_calls`, tool `tool_call_id`). `final_workflow` is the Flow
 * JSON the merchant submitted, absent when none was; `activated` whether they turned it on;
 * `feedback` their thumbs and comment, if they gave any. Unknown keys are rejected so a
 * misspelt field is reported instead of ignored.
 */
export const productionConversationSchema = z.strictObject({
  conversation_id: z.string().min(1),
  merchant_id: z.string().min(1),
  timestamp: z.iso.datetime({ offset: true }),
  messages: z.array(chatMessageSchema).min(1),
  final_workflow: z.string().min(1).optional(),
  activated: z.boolean(),
  feedback: z
    .strictObject({
      rating: z.enum(["up", "down"]),
      comment: z.string().optional(),
    })
    .optional(),
});

export interface ProductionConversation {
  readonly conversation_id: string;
  readonly merchant_id: string;
  readonly timestamp: string;
  readonly messages: readonly ChatMessage[];
  readonly final_workflow?: string;
  readonly activated: boolean;
  readonly feedback?: {
    readonly rating: "up" | "down";
    readonly comment?: string;
  };
}
