// The transcript kind: an imported ChatOps conversation, from which fixes and runbooks are promoted.
import { z } from "zod";
import { KIND_BASICS } from "../vocabulary.js";
import { isoDate, type KindDescriptor } from "./shared.js";

export const ZTranscriptMessage = z.strictObject({
  /** The message's own id within the transcript (Slack's ts, or a generated one for text logs). */
  ts: z.string().max(64),
  /** When it was said, ISO 8601 (kept from the source). */
  at: isoDate.optional(),
  /** Display name, mentions already resolved. */
  user: z.string().max(200),
  text: z.string().max(40_000),
  /** Set on replies: the ts of the thread's parent. */
  threadTs: z.string().max(64).optional(),
  /** A reply also sent to the channel. */
  broadcast: z.boolean().optional(),
  files: z.array(z.strictObject({ name: z.string().max(500), url: z.string().max(2_000).optional() })).max(100).optional(),
});
export type TranscriptMessage = z.infer<typeof ZTranscriptMessage>;

export const ZTranscriptFields = z.strictObject({
  channel: z.string().max(200).optional(),
  /** slack | text */
  format: z.enum(["slack", "text"]).optional(),
  messages: z.array(ZTranscriptMessage).max(20_000).optional(),
  /** The postmortem this conversation belongs to. */
  postmortemId: z.string().uuid().optional(),
});

const TRANSCRIPT_BODY = `Imported conversation. Add a short summary of what was learned above the messages.
`;

export const transcript = {
  ...KIND_BASICS.transcript,
  kind: "transcript",
  fields: ZTranscriptFields,
  markdown: {
    sections: [],
    fallbacks: [],
  },
  template: { body: TRANSCRIPT_BODY, fields: { messages: [] } },
} satisfies KindDescriptor<"transcript", typeof ZTranscriptFields>;
