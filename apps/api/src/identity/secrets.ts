// Random secrets for sessions and tokens, and the one-way hash under which they are stored.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

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
