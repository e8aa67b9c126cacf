// Turns an entry as bots send it (REST JSON, or a parsed markdown document) into a validated
// CreateEntryInput: the team named by slug or id, status defaulting to published, every problem reported.
import { kindFieldIssues, ZEntryKind, ZRestEntryInput, type CreateEntryInput } from "@hindsight/domain";
import { z, ZodError } from "zod";
import type { ServiceContext } from "../services/context.js";
import { resolveTeamRef } from "../services/team-service.js";

/**
 * Validates one REST entry fully, collecting every problem (shape, team, kind fields) at once and
 * reporting paths under `prefix`. REST entries name their team by slug or id and default to published.
 */
export async function toCreateInput(ctx: ServiceContext, raw: unknown, prefix: (string | number)[]): Promise<CreateEntryInput> {
  const issues: z.core.$ZodIssue[] = [];
  const fail = () => new ZodError(issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ code: "custom", path: [], message: "must be a JSON object", input: raw });
    throw fail();
  }
  const { team, teamId: _ignored, ...rest } = raw as Record<string, unknown>;
  let teamId: string | null = null;
  if (team !== undefined && team !== null) {
    if (typeof team !== "string" || team.trim() === "") {
      issues.push({ code: "custom", path: ["team"], message: "team must be a team slug or id", input: team });
    } else {
      teamId = await resolveTeamRef(ctx, team.trim());
      if (!teamId) issues.push({ code: "custom", path: ["team"], message: `no team ${team}`, input: team });
    }
  }
  // The documented REST shape (ZRestEntryInput, status published unless said) judges the rest.
  const parsed = ZRestEntryInput.safeParse({ ...rest, status: rest.status ?? undefined });
  if (!parsed.success) {
    issues.push(...parsed.error.issues);
    // zod skips the kind-fields refinement when other fields are bad; report those problems too.
    const kind = ZEntryKind.safeParse(rest.kind);
    const reported = new Set(issues.map((i) => i.path.join(".")));
    if (kind.success) {
      for (const i of kindFieldIssues(kind.data, rest.fields)) {
        if (!reported.has(i.path.join("."))) issues.push({ code: "custom", input: rest.fields, ...i });
      }
    }
  }
  if (issues.length || !parsed.success) throw fail();
  const { team: _team, ...input } = parsed.data;
  return { ...input, teamId };
}

