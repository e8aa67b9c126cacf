// What every REST handler starts with: a bearer-authenticated caller (its service context comes from
// services/context.ts serviceContext).
import { Unauthorized, type Actor } from "@hindsight/domain";
import type { FastifyRequest } from "fastify";

export async function requireActor(req: FastifyRequest): Promise<Actor> {
  if (!req.headers.authorization) throw new Unauthorized("Send Authorization: Bearer <token>");
  const actor = await req.actor();
  if (!actor) throw new Unauthorized();
  return actor;
}

/**
 * Bots and CI publish what teams wrote in their repositories; blameless findings are not a reason
 * to drop it. They are recorded with the revision and returned as `warnings`.
 */
export const PUBLISH_OVER_WARNINGS = { acknowledgeWarnings: true } as const;
