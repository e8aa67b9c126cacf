// The game day kind: a failure injected on purpose, what was expected, and what was observed.
import { z } from "zod";
import { KIND_BASICS } from "../vocabulary.js";
import { text, lines, ZActionItemInput, ACTION_ALIASES, type KindDescriptor } from "./shared.js";

export const ZGamedayFields = z.strictObject({
  hypothesis: text.optional(),
  blastRadius: text.optional(),
  failureInjected: text.optional(),
  expected: text.optional(),
  observed: text.optional(),
  findings: lines.optional(),
  actionItems: z.array(ZActionItemInput).max(500).optional(),
});

const GAMEDAY_BODY = `## Hypothesis

When we inject …, we expect …

## Blast radius

## Failure injected

## Expected behaviour

## Observed behaviour

## Findings

## Follow-ups

- [ ] Action item, with an owner and a due date
`;

export const gameday = {
  ...KIND_BASICS.gameday,
  kind: "gameday",
  fields: ZGamedayFields,
  markdown: {
    sections: [
      { field: "hypothesis", shape: "text", aliases: ["hypothesis", "hypotheses", "steady state hypothesis"] },
      { field: "blastRadius", shape: "text", aliases: ["blast radius", "blast zone", "scope"] },
      {
        field: "failureInjected",
        shape: "text",
        aliases: ["failure injected", "failure injection", "fault injected", "fault injection", "injected failure", "injection", "experiment", "method", "scenario"],
      },
      {
        field: "expected",
        shape: "text",
        aliases: ["expected", "expected outcome", "expected behaviour", "expected behavior", "expected result", "expected results", "expectations"],
      },
      {
        field: "observed",
        shape: "text",
        aliases: ["observed", "observations", "observation", "actual", "actual outcome", "actual behaviour", "actual behavior", "results", "outcome", "what happened"],
      },
      { field: "findings", shape: "lines", aliases: ["findings", "lessons learned", "lessons", "learnings", "takeaways", "conclusions"] },
      { field: "actionItems", shape: "actions", aliases: ACTION_ALIASES },
    ],
    fallbacks: [],
  },
  template: { body: GAMEDAY_BODY, fields: { findings: [], actionItems: [] } },
} satisfies KindDescriptor<"gameday", typeof ZGamedayFields>;
