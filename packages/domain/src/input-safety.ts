// What no request may carry, whatever its schema says: a NUL byte in any string (Postgres refuses it
// in text columns, so it would surface as a 500 deep in a write or in the search log), a key that
// reaches an object's prototype (`__proto__`, `constructor.prototype`), and nesting deeper than any
// input of ours has. Checked once at the edge, for every REST route and every tRPC procedure, so a
// new field or route is covered without remembering to.

export const MAX_INPUT_DEPTH = 32;

export interface UnsafeInput {
  /** Where, as a dotted path (`entries.3.title`), or "" for the whole input. */
  path: string;
  problem: string;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** The first unsafe thing in a decoded input (JSON body, query string, route params), or null. */
export function findUnsafeInput(value: unknown, path = "", depth = 0): UnsafeInput | null {
  if (typeof value === "string") {
    return value.includes("\u0000") ? { path, problem: "contains a NUL byte (\\u0000), which text fields cannot hold" } : null;
  }
  // Raw bodies (a signed Slack payload, an uploaded zip) are bytes, not text fields.
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return null;
  if (depth >= MAX_INPUT_DEPTH) return { path, problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeInput(value[i], join(path, i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const at = join(path, key);
    if (key.includes("\u0000")) return { path, problem: "has a key with a NUL byte (\\u0000)" };
    if (key === "__proto__") return { path: at, problem: "is not allowed (a prototype key)" };
    const child = (value as Record<string, unknown>)[key];
    if (key === "constructor" && child !== null && typeof child === "object" && "prototype" in child) {
      return { path: at, problem: "is not allowed (a prototype key)" };
    }
    const found = findUnsafeInput(child, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The message an unsafe input is refused with, naming where. */
export function unsafeInputMessage(found: UnsafeInput): string {
  return `${found.path || "the input"} ${found.problem}`;
}
