import { describe, expect, it } from "vitest";
import { addablePeople, canManageMembers, checkNewTeam, memberCountText, myTeamRole, slugFromName, sortMembers } from "./teams-view";

const ALPHA = "00000000-0000-4000-8000-00000000000a";
const BETA = "00000000-0000-4000-8000-00000000000b";

const viewer = (orgRole: "member" | "admin", teams: { id: string; role: "member" | "maintainer" }[]) => ({
  id: "00000000-0000-4000-8000-000000000001",
  orgRole,
  teams: teams.map((t) => ({ ...t, slug: t.id, name: t.id })),
});

describe("canManageMembers", () => {
  it.each([
    ["an admin in no team", viewer("admin", []), ALPHA, true],
    ["the team's maintainer", viewer("member", [{ id: ALPHA, role: "maintainer" }]), ALPHA, true],
    ["a plain member", viewer("member", [{ id: ALPHA, role: "member" }]), ALPHA, false],
    ["a maintainer of another team", viewer("member", [{ id: BETA, role: "maintainer" }]), ALPHA, false],
  ])("%s → %s", (_name, me, teamId, expected) => {
    expect(canManageMembers(me, teamId)).toBe(expected);
  });

  it("reads my role in a team", () => {
    const me = viewer("member", [{ id: ALPHA, role: "maintainer" }]);
    expect(myTeamRole(me, ALPHA)).toBe("maintainer");
    expect(myTeamRole(me, BETA)).toBeNull();
  });
});

describe("slugFromName", () => {
  it.each([
    ["Platform & SRE", "platform-sre"],
    ["  Équipe Données  ", "equipe-donnees"],
    ["Storage (e2e)", "storage-e2e"],
    ["!!!", ""],
    ["", ""],
  ])("%j → %j", (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });

  it("stays within the schema's 120 characters without a trailing dash", () => {
    const slug = slugFromName(`${"a".repeat(119)} b`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("checkNewTeam", () => {
  it("accepts a valid team and trims the name", () => {
    expect(checkNewTeam({ name: "  Payments ", slug: "payments", description: "" })).toEqual({
      ok: true,
      input: { name: "Payments", slug: "payments", description: "" },
    });
  });

  it("names each bad field", () => {
    const result = checkNewTeam({ name: " ", slug: "Not A Slug", description: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe("name is required");
    expect(result.errors.slug).toMatch(/lowercase words joined by '-'/);
  });

  it("says a missing slug is required", () => {
    const result = checkNewTeam({ name: "Payments", slug: "", description: "" });
    expect(result.ok ? null : result.errors.slug).toBe("slug is required");
  });
});

describe("people and members", () => {
  const people = [
    { id: "3", name: "Zoe", handle: "zoe" },
    { id: "1", name: "Ada", handle: "ada" },
    { id: "2", name: "Bo", handle: "bo" },
  ];

  it("offers only people outside the team, by name", () => {
    expect(addablePeople(people, ["2"])).toEqual([
      { value: "1", label: "Ada (@ada)" },
      { value: "3", label: "Zoe (@zoe)" },
    ]);
  });

  it("lists maintainers first", () => {
    const sorted = sortMembers([
      { name: "Zoe", role: "maintainer" as const },
      { name: "Ada", role: "member" as const },
      { name: "Bo", role: "maintainer" as const },
    ]);
    expect(sorted.map((m) => m.name)).toEqual(["Bo", "Zoe", "Ada"]);
  });

  it("counts members in words", () => {
    expect(memberCountText(1)).toBe("1 member");
    expect(memberCountText(0)).toBe("0 members");
  });
});
