// The postmortem kind: a blameless write-up of an incident, with its timeline and action items.
import { z } from "zod";
import { KIND_BASICS } from "../vocabulary.js";
import { text, lines, isoDate, ZActionItemInput, ZSeverity, ACTION_ALIASES, type KindDescriptor } from "./shared.js";

export const ZPostmortemFields = z.strictObject({
  severity: ZSeverity.optional(),
  incident: z
    .strictObject({
      startedAt: isoDate.optional(),
      detectedAt: isoDate.optional(),
      mitigatedAt: isoDate.optional(),
      resolvedAt: isoDate.optional(),
    })
    .optional(),
  customerImpact: text.optional(),
  timeline: z.array(z.strictObject({ at: z.string().max(64), text: z.string().max(5_000) })).max(1_000).optional(),
  contributingFactors: lines.optional(),
  wentWell: lines.optional(),
  wentPoorly: lines.optional(),
  gotLucky: lines.optional(),
  lessonsLearned: lines.optional(),
  actionItems: z.array(ZActionItemInput).max(500).optional(),
  /** The transcript of the incident channel, if one was imported. */
  transcriptId: z.string().uuid().optional(),
});

const POSTMORTEM_BODY = `## Summary

What happened, in two or three sentences a reader outside the team understands.

## Impact

Who was affected, for how long, and how badly.

## Timeline

- 09:00 UTC: first signal
- 09:05 UTC: responders engaged

## Contributing factors

- Conditions in the system and the process that let this happen (there is rarely a single root cause).

## What went well

## What went poorly

## Where we got lucky

## Lessons learned

## Action items

- [ ] A concrete change, with an owner and a due date
`;

export const postmortem = {
  ...KIND_BASICS.postmortem,
  kind: "postmortem",
  fields: ZPostmortemFields,
  markdown: {
    sections: [
      { field: "customerImpact", shape: "text", aliases: ["customer impact", "user impact", "business impact", "impact"] },
      { field: "timeline", shape: "timeline", aliases: ["timeline", "incident timeline", "chronology", "sequence of events"] },
      {
        field: "contributingFactors",
        shape: "lines",
        aliases: ["contributing factors", "contributing factor", "root cause", "root causes", "causes", "findings", "why it happened"],
      },
      { field: "wentWell", shape: "lines", aliases: ["what went well", "went well", "things that went well", "what went right"] },
      {
        field: "wentPoorly",
        shape: "lines",
        aliases: [
          "what went poorly",
          "went poorly",
          "what went wrong",
          "what went badly",
          "what didnt go well",
          "what did not go well",
          "things that went poorly",
          "things that went wrong",
          "what could have gone better",
          "what could be improved",
        ],
      },
      { field: "gotLucky", shape: "lines", aliases: ["where we got lucky", "got lucky", "where we were lucky", "what was lucky", "lucky"] },
      {
        field: "lessonsLearned",
        shape: "lines",
        aliases: ["lessons learned", "lessons learnt", "lessons", "learnings", "what we learned", "what we learnt", "takeaways", "key takeaways"],
      },
      { field: "actionItems", shape: "actions", aliases: ACTION_ALIASES },
    ],
    fallbacks: ["severityFromText"],
  },
  template: { body: POSTMORTEM_BODY, fields: { severity: "SEV3", timeline: [], contributingFactors: [], lessonsLearned: [], actionItems: [] } },
} satisfies KindDescriptor<"postmortem", typeof ZPostmortemFields>;
