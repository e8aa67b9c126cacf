// API tokens: created and revoked by their owner; the secret is shown once and stored hashed.
import { NotFound } from "@hindsight/domain";
import type { Actor } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, desc, eq, isNull } from "@hindsight/db/orm";
import { hashSecret, newSecret } from "./secrets.js";
import { audit } from "../services/audit.js";

const { apiTokens } = schema;

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const infoColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function listTokens(db: DbOrTx, actor: Actor): Promise<ApiTokenInfo[]> {
  return db.select(infoColumns).from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt));
}

export async function createToken(db: DbOrTx, actor: Actor, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newSecret("hst_");
  return db.transaction(async (tx) => {
    const [info] = await tx
      .insert(apiTokens)
      .values({ userId: actor.userId, name, tokenHash: hashSecret(token), prefix: token.slice(0, 8) })
      .returning(infoColumns);
    await audit(tx, actor, "token.create", "api_token", info!.id, { name });
    return { token, info: info! };
  });
}

export async function revokeToken(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw new NotFound("Token");
    await audit(tx, actor, "token.revoke", "api_token", id);
  });
}
