// The audit log: one row per write and per refused read. Details carry ids and names, never content or secrets.
import type { Actor } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";

export async function audit(
  db: DbOrTx,
  actor: Actor | null,
  action: string,
  targetType: string,
  targetId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(schema.auditLog).values({
    actorId: actor?.userId ?? null,
    actorVia: actor?.via ?? "anonymous",
    action,
    targetType,
    targetId,
    detail,
  });
}
