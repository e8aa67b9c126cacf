// `hindsight-admin create-admin`: makes an admin with a local password, directly in the database: the
// way in for the first admin on a server without the set-up link, and for locking-out recovery (an
// existing handle is made admin with the new password, and its sessions end).
import { randomBytes } from "node:crypto";
import { createDatabase, runMigrations } from "@hindsight/db";
import { Invalid, ZCreateUserInput } from "@hindsight/domain";
import type { Config } from "../config.js";
import { createOrPromoteAdmin } from "../identity/local-accounts.js";

export interface CreateAdminInput {
  handle: string;
  name: string;
  email?: string;
  /** null: generate one and return it to show once. */
  password: string | null;
}

export async function createAdmin(config: Config, input: CreateAdminInput): Promise<{ handle: string; created: boolean; generatedPassword: string | null }> {
  const parsed = ZCreateUserInput.safeParse({ handle: input.handle, name: input.name, email: input.email });
  if (!parsed.success) {
    throw new Invalid(parsed.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`).join("; "));
  }
  const generatedPassword = input.password === null ? randomBytes(18).toString("base64url") : null;
  const database = await createDatabase(config.database);
  try {
    await runMigrations(database);
    const { user, created } = await createOrPromoteAdmin(database.db, { ...parsed.data, password: input.password ?? generatedPassword! });
    return { handle: user.handle, created, generatedPassword };
  } finally {
    await database.close();
  }
}

/** The whole of standard input, without the final newline (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
