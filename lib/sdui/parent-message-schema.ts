import * as z from "zod";
import { PARENT_MESSAGE_SOURCE } from "./parent-messages";

/**
 * What the hosted runtime tells the IDE that frames it; the IDE validates what it receives with this. The
 * runtime only sends (parent-messages.ts builds each message), so this schema stays out of its bundle.
 */
export const ParentMessage = z.discriminatedUnion("type", [
  z.strictObject({
    source: z.literal(PARENT_MESSAGE_SOURCE),
    type: z.literal("ready"),
    page: z.string().max(64).nullable(),
    timings: z.strictObject({ bootMs: z.number().nonnegative(), firstRenderMs: z.number().nonnegative() }),
  }),
  z.strictObject({
    source: z.literal(PARENT_MESSAGE_SOURCE),
    type: z.literal("error"),
    nodeId: z.string().max(64).optional(),
    component: z.string().max(64).optional(),
    message: z.string().max(1000),
  }),
  z.strictObject({ source: z.literal(PARENT_MESSAGE_SOURCE), type: z.literal("navigate"), path: z.string().max(2000) }),
]);
export type ParentMessage = z.infer<typeof ParentMessage>;
