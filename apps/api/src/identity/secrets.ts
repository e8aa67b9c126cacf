// Random secrets for sessions and tokens, the one-way hash under which they are stored, and the
// encryption of the few secrets that must be used again.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretsEqual(a: string, b: string): boolean {
  const ha = Buffer.from(hashSecret(a), "hex");
  const hb = Buffer.from(hashSecret(b), "hex");
  return timingSafeEqual(ha, hb);
}

// ---------------------------------------------------------------------------------------------
// Secrets Hindsight must use again (HMAC keys of chat integrations): encrypted at rest with
// AES-256-GCM under HINDSIGHT_SECRET_KEY, so a database dump alone does not give them away.

const SEALED = /^aes256gcm:([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]+)$/;

export function sealSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `aes256gcm:${iv.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}:${ciphertext.toString("base64url")}`;
}

/** The secret, or null when it was sealed under another key or is not a sealed secret at all. */
export function openSecret(key: Buffer, sealed: string): string | null {
  const m = SEALED.exec(sealed);
  if (!m) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(m[1]!, "base64url"));
    decipher.setAuthTag(Buffer.from(m[2]!, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(m[3]!, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
