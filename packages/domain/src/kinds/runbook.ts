// The runbook kind: what to do when an alert fires or a situation arises, reviewed on an interval.
import { z } from "zod";
import { KIND_BASICS } from "../vocabulary.js";
import { text, lines, isoDate, ZDerivedFrom, type KindDescriptor } from "./shared.js";

export const ZRunbookStep = z.strictObject({
  text: z.string().min(1).max(5_000),
  command: z.string().max(5_000).optional(),
  expected: z.string().max(5_000).optional(),
});

export const ZRunbookFields = z.strictObject({
  purpose: text.optional(),
  whenToUse: lines.optional(),
  prerequisites: lines.optional(),
  /** What the alert or situation means, and what it does to users. */
  meaning: text.optional(),
  impact: text.optional(),
  diagnosis: z.array(ZRunbookStep).max(500).optional(),
  mitigation: z.array(ZRunbookStep).max(500).optional(),
  steps: z.array(ZRunbookStep).max(500).optional(),
  rollback: text.optional(),
  escalation: text.optional(),
  reviewIntervalDays: z.number().int().min(1).max(3650).optional(),
  lastReviewedAt: isoDate.optional(),
  derivedFrom: ZDerivedFrom.optional(),
});

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

export const runbook = {
  ...KIND_BASICS.runbook,
  kind: "runbook",
  fields: ZRunbookFields,
  markdown: {
    sections: [
      { field: "purpose", shape: "text", aliases: ["purpose", "overview", "about", "description", "about this runbook"] },
      { field: "whenToUse", shape: "lines", aliases: ["when to use", "when to use this runbook", "use when", "triggers"] },
      {
        field: "prerequisites",
        shape: "lines",
        aliases: ["prerequisites", "prerequisite", "pre requisites", "requirements", "before you begin", "before you start", "you will need"],
      },
      { field: "meaning", shape: "text", aliases: ["meaning", "what it means", "what this alert means", "alert meaning"] },
      { field: "impact", shape: "text", aliases: ["impact"] },
      {
        field: "diagnosis",
        shape: "steps",
        aliases: ["diagnosis", "diagnose", "diagnostics", "investigation", "investigate", "troubleshooting", "triage", "debugging", "how to investigate"],
      },
      {
        field: "mitigation",
        shape: "steps",
        aliases: ["mitigation", "mitigations", "mitigate", "remediation", "resolution", "fix", "how to fix", "recovery", "workaround"],
      },
      { field: "rollback", shape: "text", aliases: ["rollback", "roll back", "rolling back", "revert", "undo", "backout", "back out"] },
      { field: "escalation", shape: "text", aliases: ["escalation", "escalation path", "escalate", "who to contact", "contacts", "contact"] },
      { field: "steps", shape: "steps", aliases: ["steps", "runbook", "procedure", "instructions", "how to", "playbook", "process"] },
    ],
    fallbacks: ["bodyAsSteps"],
  },
  template: { body: RUNBOOK_BODY, fields: { whenToUse: [], prerequisites: [], steps: [], reviewIntervalDays: 90 } },
} satisfies KindDescriptor<"runbook", typeof ZRunbookFields>;
