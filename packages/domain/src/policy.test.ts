import { describe, expect, it } from "vitest";
import type { Actor } from "./identity.js";
import { canCreateForTeam, canReadEntry, canWriteEntry, readScope, type GuardedEntry } from "./policy.js";

const TEAM_A = "00000000-0000-4000-8000-00000000000a";
const TEAM_B = "00000000-0000-4000-8000-00000000000b";
const actor = (userId: string, teams: [string, "member" | "maintainer"][] = [], orgRole: "member" | "admin" = "member"): Actor => ({
  userId,
  orgRole,
  teams: new Map(teams),
  via: "session",
});
const author = actor("author", [[TEAM_A, "member"]]);
const teammate = actor("teammate", [[TEAM_A, "member"]]);
const outsider = actor("outsider", [[TEAM_B, "member"]]);
const granted = actor("granted");
const admin = actor("admin", [], "admin");

const entry = (visibility: GuardedEntry["visibility"], status: GuardedEntry["status"], grants: Partial<GuardedEntry["grants"]> = {}): GuardedEntry => ({
  authorId: "author",
  teamId: TEAM_A,
  visibility,
  status,
  grants: { userIds: [], teamIds: [], ...grants },
});

describe("canReadEntry", () => {
  it.each([
    ["org published", entry("org", "published"), { author: true, teammate: true, outsider: true, granted: true, admin: true }],
    ["org archived", entry("org", "archived"), { author: true, teammate: true, outsider: true, granted: true, admin: true }],
    ["org draft", entry("org", "draft"), { author: true, teammate: true, outsider: false, granted: false, admin: true }],
    ["org in review", entry("org", "in_review"), { author: true, teammate: true, outsider: false, granted: false, admin: true }],
    ["team published", entry("team", "published"), { author: true, teammate: true, outsider: false, granted: false, admin: true }],
    ["restricted", entry("restricted", "published"), { author: true, teammate: false, outsider: false, granted: false, admin: true }],
    ["restricted + user grant", entry("restricted", "published", { userIds: ["granted"] }), { author: true, teammate: false, outsider: false, granted: true, admin: true }],
    ["restricted + team grant", entry("restricted", "draft", { teamIds: [TEAM_B] }), { author: true, teammate: false, outsider: true, granted: false, admin: true }],
    ["team + team grant", entry("team", "published", { teamIds: [TEAM_B] }), { author: true, teammate: true, outsider: true, granted: false, admin: true }],
  ])("%s", (_name, e, expected) => {
    const seen = { author, teammate, outsider, granted, admin };
    const actual = Object.fromEntries(Object.entries(seen).map(([k, a]) => [k, canReadEntry(a, e)]));
    expect(actual).toEqual(expected);
  });
});

describe("canWriteEntry", () => {
  it("lets the author, the owner team and admins write, not readers from elsewhere", () => {
    const e = entry("org", "published");
    expect(canWriteEntry(author, e)).toBe(true);
    expect(canWriteEntry(teammate, e)).toBe(true);
    expect(canWriteEntry(admin, e)).toBe(true);
    expect(canWriteEntry(outsider, e)).toBe(false);
  });
  it("never lets someone write what they cannot read", () => {
    expect(canWriteEntry(teammate, entry("restricted", "published"))).toBe(false);
  });
});

describe("canCreateForTeam", () => {
  it.each([
    [author, TEAM_A, true],
    [author, TEAM_B, false],
    [author, null, true],
    [admin, TEAM_B, true],
  ])("%#", (a, team, expected) => expect(canCreateForTeam(a, team)).toBe(expected));
});

describe("readScope", () => {
  it("is unrestricted for admins and lists the teams of everyone else", () => {
    expect(readScope(admin)).toEqual({ all: true });
    expect(readScope(outsider)).toMatchObject({ all: false, userId: "outsider", teamIds: [TEAM_B] });
  });
});
