// Local passwords: the policy (length, common passwords, not the person's own name) and argon2id
// hashing. Hashes are PHC strings, so parameters can be raised later without invalidating old ones.
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

let common: Set<string> | null = null;
/** About 50,000 of the most used passwords (zxcvbn's list), lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

export interface PasswordOwner {
  handle: string;
  name?: string | null;
  email?: string | null;
}

/** Why a new password is refused, or null when it may be used. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  if (password.length < PASSWORD_MIN) return `password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `password must be at most ${PASSWORD_MAX} characters`;
  const folded = password.toLowerCase();
  if (commonPasswords().has(folded)) return "password is one of the most common passwords; choose another";
  // A long run of one character, or the same short piece repeated ("abcabcabcabc"), is as weak as a common one.
  if (/^(.{1,4})\1+$/.test(folded)) return "password repeats the same few characters; choose another";
  const own = [owner.handle, owner.name ?? "", owner.email ?? "", (owner.email ?? "").split("@")[0] ?? ""]
    .map((v) => v.toLowerCase().replace(/\s+/g, ""))
    .filter((v) => v.length >= 4);
  const compact = folded.replace(/\s+/g, "");
  if (own.some((v) => compact === v || (compact.includes(v) && compact.length - v.length < 6))) {
    return "password must not be your handle, name or e-mail address";
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults are argon2id, m=19 MiB, t=2, p=1: OWASP's minimum for argon2id.
  return hash(password);
}

let dummy: Promise<string> | null = null;
/**
 * Checks a password against a stored hash. With no hash (an unknown or password-less account) it
 * still runs one verification against a throw-away hash, so every refusal costs the same time.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hash("hindsight-timing-equaliser");
  const target = stored ?? (await dummy);
  let ok: boolean;
  try {
    ok = await verify(target, password);
  } catch {
    ok = false;
  }
  return ok && stored !== null;
}
