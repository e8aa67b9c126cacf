import { canReadEntry, ENTRY_STATUSES, readScope, VISIBILITIES, type Actor, type ReadScope, type TeamRole } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import { doc as contractDoc } from "../../contract.js";
import type { SearchDocument } from "../../port.js";
import { toMeiliDocument } from "./document.js";
import {
  and,
  combinedFilter,
  eq,
  filtersToMeili,
  filtersTree,
  isIn,
  not,
  or,
  quoteValue,
  renderFilter,
  visibilityFilter,
  visibilityFilterTree,
  type FilterNode,
} from "./filter.js";
import { FILTERABLE_ATTRIBUTES } from "./settings.js";
import { evaluateFilter, parseFilter } from "./testing.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const USERS = [1, 2, 3, 4, 5].map(uuid);
const TEAMS = [0xa0, 0xb0, 0xc0, 0xd0].map(uuid);

/** mulberry32: a small seeded generator, so a failure reproduces. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const subset = <T>(xs: readonly T[], p = 0.3): T[] => xs.filter(() => next() < p);
  return { next, pick, subset };
}

function randomActor(r: ReturnType<typeof rng>): Actor {
  const teams = new Map<string, TeamRole>(r.subset(TEAMS, 0.35).map((t) => [t, r.pick(["member", "maintainer"] as const)]));
  return { userId: r.pick(USERS), orgRole: r.next() < 0.08 ? "admin" : "member", teams, via: "session" };
}

function randomDoc(r: ReturnType<typeof rng>, i: number): SearchDocument {
  const at = new Date("2026-01-01T00:00:00Z");
  return contractDoc({
    id: uuid(0x1000 + i),
    slug: `doc-${i}`,
    title: `Doc ${i}`,
    teamId: r.next() < 0.2 ? null : r.pick(TEAMS),
    authorId: r.pick(USERS),
    visibility: r.pick(VISIBILITIES),
    status: r.pick(ENTRY_STATUSES),
    grantUserIds: r.subset(USERS, 0.15),
    grantTeamIds: r.subset(TEAMS, 0.15),
    createdAt: at,
    updatedAt: at,
  });
}

const guarded = (d: SearchDocument) => ({
  authorId: d.authorId,
  teamId: d.teamId,
  visibility: d.visibility,
  status: d.status,
  grants: { userIds: d.grantUserIds, teamIds: d.grantTeamIds },
});

describe("visibilityFilter agrees with canReadEntry", () => {
  it("for random actors and documents, as a tree and as the rendered Meilisearch filter", () => {
    const r = rng(20260914);
    const docs = Array.from({ length: 400 }, (_, i) => randomDoc(r, i));
    const meiliDocs = docs.map((d) => toMeiliDocument(d) as unknown as Record<string, unknown>);
    let checked = 0;
    let readable = 0;
    for (let a = 0; a < 300; a++) {
      const actor = randomActor(r);
      const scope = readScope(actor);
      const tree = visibilityFilterTree(scope);
      const rendered = visibilityFilter(scope);
      const reparsed = rendered === undefined ? null : parseFilter(rendered);
      docs.forEach((d, i) => {
        const expected = canReadEntry(actor, guarded(d));
        const doc = meiliDocs[i] as Record<string, unknown>;
        if (evaluateFilter(tree, doc) !== expected || evaluateFilter(reparsed, doc) !== expected) {
          throw new Error(`disagreement for actor ${JSON.stringify({ ...actor, teams: [...actor.teams] })} on ${JSON.stringify(guarded(d))}: policy ${expected}, filter ${rendered}`);
        }
        checked++;
        if (expected) readable++;
      });
    }
    expect(checked).toBe(120_000);
    // Both outcomes were exercised in quantity, so agreement is not trivially "always false".
    expect(readable).toBeGreaterThan(10_000);
    expect(checked - readable).toBeGreaterThan(10_000);
  });

  it("exhaustively over visibility x status x relation for one actor", () => {
    const me = USERS[0] as string;
    const myTeam = TEAMS[0] as string;
    const otherTeam = TEAMS[1] as string;
    const actor: Actor = { userId: me, orgRole: "member", teams: new Map([[myTeam, "member"]]), via: "session" };
    const tree = visibilityFilterTree(readScope(actor));
    const relations = [
      { authorId: me, teamId: otherTeam, userIds: [], teamIds: [] },
      { authorId: USERS[1] as string, teamId: myTeam, userIds: [], teamIds: [] },
      { authorId: USERS[1] as string, teamId: otherTeam, userIds: [], teamIds: [] },
      { authorId: USERS[1] as string, teamId: null, userIds: [], teamIds: [] },
      { authorId: USERS[1] as string, teamId: otherTeam, userIds: [me], teamIds: [] },
      { authorId: USERS[1] as string, teamId: otherTeam, userIds: [], teamIds: [myTeam] },
    ];
    for (const visibility of VISIBILITIES)
      for (const status of ENTRY_STATUSES)
        for (const rel of relations) {
          const e = { authorId: rel.authorId, teamId: rel.teamId, visibility, status, grants: { userIds: rel.userIds, teamIds: rel.teamIds } };
          const doc = { ...e, grantUserIds: rel.userIds, grantTeamIds: rel.teamIds };
          expect({ e, read: evaluateFilter(tree, doc) }).toEqual({ e, read: canReadEntry(actor, e) });
        }
  });
});

describe("visibilityFilter", () => {
  const member = (userId: string, teamIds: string[]): ReadScope => ({ all: false, userId, teamIds, orgReadableStatuses: ["published", "archived"] });

  it.each<[string, ReadScope, string | undefined]>([
    ["admin: no filter", { all: true }, undefined],
    [
      "member of no team: own, granted to me, org-published",
      member("u1", []),
      'authorId = "u1" OR grantUserIds = "u1" OR (visibility = "org" AND status IN ["published", "archived"])',
    ],
    [
      "member of two teams: plus team grants and the teams' org/team entries",
      member("u1", ["t1", "t2"]),
      'authorId = "u1" OR grantUserIds = "u1" OR grantTeamIds IN ["t1", "t2"] OR (visibility = "org" AND status IN ["published", "archived"]) OR (visibility IN ["org", "team"] AND teamId IN ["t1", "t2"])',
    ],
    [
      "one team renders as equality",
      member("u1", ["t1"]),
      'authorId = "u1" OR grantUserIds = "u1" OR grantTeamIds = "t1" OR (visibility = "org" AND status IN ["published", "archived"]) OR (visibility IN ["org", "team"] AND teamId = "t1")',
    ],
    [
      "no org-readable statuses: no org clause",
      { all: false, userId: "u1", teamIds: [], orgReadableStatuses: [] },
      'authorId = "u1" OR grantUserIds = "u1"',
    ],
  ])("%s", (_name, scope, expected) => {
    expect(visibilityFilter(scope)).toBe(expected);
  });

  it("escapes hostile ids so they stay one value", () => {
    const hostile = 'x" OR visibility = "restricted';
    const f = visibilityFilter(member(hostile, ['t\\" OR 1 = 1']))!;
    expect(f).toContain('authorId = "x\\" or visibility = \\"restricted"');
    const tree = parseFilter(f);
    // Only the grant and org clauses can admit a stranger's restricted entry; the injected text cannot.
    expect(evaluateFilter(tree, { authorId: "someone", visibility: "restricted", status: "published", teamId: null, grantUserIds: [], grantTeamIds: [] })).toBe(false);
    expect(evaluateFilter(tree, { authorId: hostile, visibility: "restricted", status: "draft", teamId: null, grantUserIds: [], grantTeamIds: [] })).toBe(true);
  });
});

describe("quoteValue / renderFilter", () => {
  it.each([
    ["plain", '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["ends with \\", '"ends with \\\\"'],
    ['\\"', '"\\\\\\""'],
    ["new\nline ] ) AND", '"new\nline ] ) AND"'],
  ])("quotes %j", (value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });

  it.each([
    'x" OR authorId = "y',
    "trailing backslash \\",
    '\\" OR \\"',
    "[brackets], (parens) AND NOT OR",
    "unicode ✓ — café",
  ])("round-trips %j through the filter syntax as one value", (value) => {
    const node = eq("severity", value);
    expect(parseFilter(renderFilter(node))).toEqual(eq("severity", value.trim().toLowerCase()));
  });

  it.each<[string, FilterNode, string]>([
    ["number bare", eq("year", 2024), "year = 2024"],
    ["strings normalised like Meilisearch's facet values", isIn("severity", [" SEV1", "SEV2"]), 'severity IN ["sev1", "sev2"]'],
    ["IN of one value is =", isIn("kind", ["fix", "fix"]), 'kind = "fix"'],
    ["NOT wraps its operand", not(isIn("fingerprints", ["a", "b"])), 'NOT fingerprints IN ["a", "b"]'],
    ["nested compound operands are parenthesised", and(eq("kind", "fix"), or(eq("status", "draft"), not(eq("id", "x"))))!, 'kind = "fix" AND (status = "draft" OR (NOT id = "x"))'],
    ["and flattens", and(and(eq("kind", "a"), eq("kind", "b")), null, eq("kind", "c"))!, 'kind = "a" AND kind = "b" AND kind = "c"'],
  ])("%s", (_name, node, expected) => {
    expect(renderFilter(node)).toBe(expected);
    expect(renderFilter(parseFilter(expected))).toBe(expected);
  });

  it("refuses what it cannot express safely", () => {
    expect(() => isIn("kind", [])).toThrow(/empty IN/);
    expect(() => or()).toThrow(/empty OR/);
    expect(() => renderFilter(eq("year", Number.NaN))).toThrow(/finite/);
    expect(() => renderFilter(eq("bad field" as never, "x"))).toThrow(/attribute name/);
    expect(and(null, undefined)).toBeNull();
  });

  it("only names filterable attributes", () => {
    const fields = new Set<string>();
    const walk = (n: FilterNode): void => {
      if (n.op === "eq" || n.op === "in") fields.add(n.field);
      else if (n.op === "not") walk(n.of);
      else n.of.forEach(walk);
    };
    walk(visibilityFilterTree({ all: false, userId: "u", teamIds: ["t", "s"], orgReadableStatuses: ["published"] })!);
    walk(filtersTree({ kinds: ["fix"], teamIds: ["t"], services: ["s"], tags: ["x"], severities: ["SEV1"], statuses: ["draft"], years: [2024] })!);
    for (const f of fields) expect(FILTERABLE_ATTRIBUTES).toContain(f);
  });
});

describe("filtersToMeili", () => {
  it.each<[string, Parameters<typeof filtersToMeili>[0], string | undefined]>([
    ["none", undefined, undefined],
    ["empty lists do not restrict", { kinds: [], tags: [], years: [] }, undefined],
    ["one facet, several values: any of them", { kinds: ["fix", "runbook"] }, 'kind IN ["fix", "runbook"]'],
    [
      "facets combine with AND",
      { kinds: ["fix"], teamIds: ["t1"], services: ["orders"], tags: ["kafka", "lag"], severities: ["SEV2"], statuses: ["published"], years: [2024, 2025] },
      'kind = "fix" AND teamId = "t1" AND services = "orders" AND tags IN ["kafka", "lag"] AND severity = "sev2" AND status = "published" AND year IN [2024, 2025]',
    ],
    ["non-integer years are dropped", { years: [2024.5] }, undefined],
  ])("%s", (_name, filters, expected) => {
    expect(filtersToMeili(filters)).toBe(expected);
  });

  it("evaluates like the facets it names", () => {
    const tree = filtersTree({ tags: ["kafka"], services: ["orders"], years: [2026] });
    expect(evaluateFilter(tree, { tags: ["kafka", "lag"], services: ["orders"], year: 2026 })).toBe(true);
    expect(evaluateFilter(tree, { tags: ["kafka"], services: ["billing"], year: 2026 })).toBe(false);
    expect(evaluateFilter(tree, { tags: [], services: ["orders"], year: 2026 })).toBe(false);
  });
});

describe("combinedFilter", () => {
  it("is the read scope AND the user's filters AND engine conditions", () => {
    const scope: ReadScope = { all: false, userId: "u1", teamIds: [], orgReadableStatuses: ["published"] };
    expect(combinedFilter(scope, { kinds: ["fix"] }, not(eq("id", "self")))).toBe(
      '(authorId = "u1" OR grantUserIds = "u1" OR (visibility = "org" AND status = "published")) AND kind = "fix" AND (NOT id = "self")',
    );
    expect(combinedFilter({ all: true }, undefined)).toBeUndefined();
    expect(combinedFilter({ all: true }, { kinds: ["fix"] })).toBe('kind = "fix"');
  });
});
