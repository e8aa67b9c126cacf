// The fix kind: a problem, the error lines it shows, and the steps that solved it.
import { z } from "zod";
import { KIND_BASICS } from "../vocabulary.js";
import { text, lines, ZDerivedFrom, type KindDescriptor } from "./shared.js";

export const ZFixFields = z.strictObject({
  problem: text.optional(),
  symptoms: lines.optional(),
  errorSignatures: lines.optional(),
  cause: text.optional(),
  resolutionSteps: lines.optional(),
  appliesTo: z
    .strictObject({ services: lines.optional(), technologies: lines.optional(), versions: lines.optional() })
    .optional(),
  verification: text.optional(),
  derivedFrom: ZDerivedFrom.optional(),
});

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

export const fix = {
  ...KIND_BASICS.fix,
  kind: "fix",
  fields: ZFixFields,
  markdown: {
    sections: [
      { field: "symptoms", shape: "lines", aliases: ["symptoms", "symptom", "signs", "what you see", "observed behaviour", "observed behavior"] },
      {
        field: "errorSignatures",
        shape: "errors",
        aliases: ["error signatures", "error signature", "error messages", "error message", "errors", "error", "error output", "stack trace", "log output", "logs"],
      },
      { field: "cause", shape: "text", aliases: ["root cause", "root causes", "cause", "causes", "why", "explanation", "analysis"] },
      {
        field: "resolutionSteps",
        shape: "stepLines",
        aliases: ["resolution", "resolution steps", "fix", "the fix", "solution", "steps", "steps to fix", "how to fix", "workaround", "remedy", "remediation"],
      },
      { field: "verification", shape: "text", aliases: ["verification", "verify", "how to verify", "validation", "testing", "confirm"] },
      { field: "problem", shape: "text", aliases: ["problem", "problem statement", "issue", "description", "context", "background"] },
    ],
    fallbacks: ["errorsFromSymptomCode"],
  },
  template: { body: FIX_BODY, fields: { symptoms: [], errorSignatures: [], resolutionSteps: [] } },
} satisfies KindDescriptor<"fix", typeof ZFixFields>;
