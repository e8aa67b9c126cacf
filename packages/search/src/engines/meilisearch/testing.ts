// Contract-test target for the meilisearch engine. The only place the engine's tests read the
// environment: MEILI_URL (and MEILI_MASTER_KEY for a secured server) name a running Meilisearch;
// without MEILI_URL the suite is reported as skipped. Each run uses its own throwaway index.
import { randomUUID } from "node:crypto";
import type { ContractTarget } from "../../contract.js";
import { MeiliSearchEngine } from "./engine.js";
import type { FilterNode, FilterValue, MeiliFilterField } from "./filter.js";

export const MEILI_SKIP_REASON = "MEILI_URL is not set: the Meilisearch contract tests need a running server";

export interface MeiliTestConfig {
  url: string;
  apiKey: string | null;
}

/** The test server from the environment, or null when none is configured. */
export function meiliTestConfig(env: NodeJS.ProcessEnv = process.env): MeiliTestConfig | null {
  const url = env.MEILI_URL?.trim();
  if (!url) return null;
  return { url, apiKey: env.MEILI_MASTER_KEY?.trim() || env.MEILI_API_KEY?.trim() || null };
}

/** A ready engine on a fresh index named for this run; drop it with `dropIndex()`. */
export async function createTestEngine(config: MeiliTestConfig): Promise<MeiliSearchEngine> {
  const engine = new MeiliSearchEngine({ url: config.url, apiKey: config.apiKey, indexName: `hindsight_test_${randomUUID().replaceAll("-", "")}` });
  await engine.ensureReady();
  return engine;
}

export function meiliContractTarget(env: NodeJS.ProcessEnv = process.env): ContractTarget {
  const config = meiliTestConfig(env);
  return {
    name: "meilisearch",
    skipReason: config ? null : MEILI_SKIP_REASON,
    create: async () => {
      if (!config) throw new Error(MEILI_SKIP_REASON);
      const engine = await createTestEngine(config);
      return {
        engine,
        put: (docs) => engine.index(docs),
        reset: () => engine.clear(),
        close: () => engine.dropIndex(),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A reader for the filter language this engine emits (`=`, `IN [...]`, AND, OR, NOT, parentheses,
// double-quoted strings with `\\` and `\"` escapes, bare numbers) and an evaluator with Meilisearch's
// semantics, so tests can check rendered filters against the domain policy, not just the tree.


type Tok = { t: "word"; v: string } | { t: "str"; v: string } | { t: "num"; v: number } | { t: "sym"; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if ("()[],=".includes(c)) {
      out.push({ t: "sym", v: c });
      i++;
    } else if (c === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in ${src}`);
        const d = src[i] as string;
        if (d === "\\") {
          const next = src[i + 1];
          if (next === '"' || next === "\\") {
            v += next;
            i += 2;
            continue;
          }
          throw new Error(`stray backslash at ${i} in ${src}`);
        }
        if (d === '"') {
          i++;
          break;
        }
        v += d;
        i++;
      }
      out.push({ t: "str", v });
    } else {
      const m = /^[A-Za-z0-9_.-]+/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected ${c} at ${i} in ${src}`);
      const w = m[0];
      out.push(/^-?\d+(?:\.\d+)?$/.test(w) ? { t: "num", v: Number(w) } : { t: "word", v: w });
      i += w.length;
    }
  }
  return out;
}

/** Parses a filter this engine rendered back into a tree (n-ary AND/OR, as the renderer emits). */
export function parseFilter(src: string): FilterNode {
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (w: string) => peek()?.t === "word" && peek()?.v === w;
  const expectSym = (s: string) => {
    const tok = toks[p++];
    if (tok?.t !== "sym" || tok.v !== s) throw new Error(`expected ${s} at token ${p - 1} in ${src}`);
  };
  const value = (): FilterValue => {
    const tok = toks[p++];
    if (tok?.t === "str" || tok?.t === "num") return tok.v;
    throw new Error(`expected a value at token ${p - 1} in ${src}`);
  };
  const orExpr = (): FilterNode => {
    const of = [andExpr()];
    while (isWord("OR")) {
      p++;
      of.push(andExpr());
    }
    return of.length === 1 ? (of[0] as FilterNode) : { op: "or", of };
  };
  const andExpr = (): FilterNode => {
    const of = [notExpr()];
    while (isWord("AND")) {
      p++;
      of.push(notExpr());
    }
    return of.length === 1 ? (of[0] as FilterNode) : { op: "and", of };
  };
  const notExpr = (): FilterNode => {
    if (isWord("NOT")) {
      p++;
      return { op: "not", of: notExpr() };
    }
    const tok = peek();
    if (tok?.t === "sym" && tok.v === "(") {
      p++;
      const inner = orExpr();
      expectSym(")");
      return inner;
    }
    if (tok?.t !== "word") throw new Error(`expected an attribute at token ${p} in ${src}`);
    p++;
    const field = tok.v as MeiliFilterField;
    if (isWord("IN")) {
      p++;
      expectSym("[");
      const values = [value()];
      while (peek()?.t === "sym" && peek()?.v === ",") {
        p++;
        values.push(value());
      }
      expectSym("]");
      return { op: "in", field, values };
    }
    expectSym("=");
    return { op: "eq", field, value: value() };
  };
  const tree = orExpr();
  if (p !== toks.length) throw new Error(`trailing input at token ${p} in ${src}`);
  return tree;
}

/** Meilisearch equality: numbers and strings compare by their text, strings trimmed and case-insensitively. */
function equals(a: unknown, b: FilterValue): boolean {
  const norm = (v: string | number) => String(v).trim().toLowerCase();
  if (typeof a === "number" || typeof a === "string") return norm(a) === norm(b);
  return false;
}

/**
 * Evaluates a tree against a document with Meilisearch semantics: an array attribute matches when
 * any element does; null, missing or empty never matches `=` or `IN`.
 */
export function evaluateFilter(node: FilterNode | null, doc: Readonly<Record<string, unknown>>): boolean {
  if (node === null) return true;
  switch (node.op) {
    case "eq":
    case "in": {
      const wanted = node.op === "eq" ? [node.value] : node.values;
      const raw = doc[node.field];
      const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
      return values.some((v) => wanted.some((w) => equals(v, w)));
    }
    case "and":
      return node.of.every((n) => evaluateFilter(n, doc));
    case "or":
      return node.of.some((n) => evaluateFilter(n, doc));
    case "not":
      return !evaluateFilter(node.of, doc);
  }
}
