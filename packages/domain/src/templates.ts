// Templates: a new entry of a kind starts from these headings and structured fields, so every
// postmortem, fix, runbook, transcript and game day reads the same way.
import type { EntryKind } from "./kinds.js";

export interface EntryTemplate {
  kind: EntryKind;
  title: string;
  summary: string;
  body: string;
  fields: Record<string, unknown>;
}

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

const FIX_BODY = `## Problem

## Symptoms

## Error

\`\`\`
Paste the exact error line or log output here
\`\`\`

## Cause

## Resolution

1. First step

## Verification

How to tell the fix worked.
`;

const RUNBOOK_BODY = `## Purpose

## When to use

Alerts and symptoms that lead here.

## Prerequisites

## Steps

1. Check …

   \`\`\`sh
   kubectl get pods -n <namespace>
   \`\`\`

## Rollback

## Escalation
`;

const TRANSCRIPT_BODY = `Imported conversation. Add a short summary of what was learned above the messages.
`;

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

export const TEMPLATES: Record<EntryKind, EntryTemplate> = {
  postmortem: {
    kind: "postmortem",
    title: "",
    summary: "",
    body: POSTMORTEM_BODY,
    fields: { severity: "SEV3", timeline: [], contributingFactors: [], lessonsLearned: [], actionItems: [] },
  },
  fix: { kind: "fix", title: "", summary: "", body: FIX_BODY, fields: { symptoms: [], errorSignatures: [], resolutionSteps: [] } },
  runbook: {
    kind: "runbook",
    title: "",
    summary: "",
    body: RUNBOOK_BODY,
    fields: { whenToUse: [], prerequisites: [], steps: [], reviewIntervalDays: 90 },
  },
  transcript: { kind: "transcript", title: "", summary: "", body: TRANSCRIPT_BODY, fields: { messages: [] } },
  gameday: { kind: "gameday", title: "", summary: "", body: GAMEDAY_BODY, fields: { findings: [], actionItems: [] } },
};

export function templateFor(kind: EntryKind): EntryTemplate {
  return structuredClone(TEMPLATES[kind]);
}
