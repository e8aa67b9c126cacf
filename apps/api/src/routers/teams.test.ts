// Teams and memberships over tRPC: who may create teams and manage members, and what the team list
// and a team's page read back (member counts, the members themselves).
import { schema } from "@hindsight/db";
import { and, eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect } from "vitest";
import { trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface TeamListWire {
  id: string;
  slug: string;
  name: string;
  memberCount: number;
}

interface TeamWire {
  id: string;
  slug: string;
  members: { userId: string; handle: string; role: "member" | "maintainer" }[];
}

describe.each(targets)("teams on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`lists every team with its member count; only admins create teams, and the creator maintains it${note}`, async () => {
    const list = await trpc<TeamListWire[]>(h.app, "teams.list", undefined, { cookie: h.people.other.cookie });
    expect(list.status).toBe(200);
    expect(list.data!.map((t) => [t.slug, t.memberCount])).toEqual([
      ["alpha", 2],
      ["beta", 1],
    ]);

    const refused = await trpc(h.app, "teams.create", { slug: "gamma", name: "Gamma" }, { cookie: h.people.author.cookie });
    expect(refused.status).toBe(403);
    const badSlug = await trpc(h.app, "teams.create", { slug: "Not A Slug", name: "Gamma" }, { cookie: h.people.admin.cookie });
    expect(badSlug.status).toBe(400);
    expect(badSlug.error!.data.fieldErrors).toHaveProperty("slug");

    const created = await trpc<TeamListWire>(h.app, "teams.create", { slug: "gamma", name: "Gamma" }, { cookie: h.people.admin.cookie });
    expect(created.status).toBe(200);
    const again = await trpc(h.app, "teams.create", { slug: "gamma", name: "Gamma again" }, { cookie: h.people.admin.cookie });
    expect(again.status).toBe(409);
    const after = await trpc<TeamListWire[]>(h.app, "teams.list", undefined, { cookie: h.people.author.cookie });
    expect(after.data!.find((t) => t.slug === "gamma")?.memberCount).toBe(1);
    const gamma = await trpc<TeamWire>(h.app, "teams.get", { slug: "gamma" }, { cookie: h.people.author.cookie });
    expect(gamma.data!.members).toEqual([expect.objectContaining({ handle: "admin", role: "maintainer" })]);
  });

  run(`a maintainer adds, promotes and removes members of their own team only; members may not${note}`, async () => {
    const d = h.db.database.db;
    // Make `author` maintain alpha; the actor is loaded per request, so the session picks it up.
    await d
      .update(schema.teamMemberships)
      .set({ role: "maintainer" })
      .where(and(eq(schema.teamMemberships.teamId, h.teams.alpha), eq(schema.teamMemberships.userId, h.people.author.id)));
    const maintainer = { cookie: h.people.author.cookie };
    const other = h.people.other.id;

    const byMember = await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: other, role: "member" }, { cookie: h.people.teammate.cookie });
    expect(byMember.status).toBe(403);
    const otherTeam = await trpc(h.app, "teams.setMember", { teamId: h.teams.beta, userId: h.people.teammate.id, role: "member" }, maintainer);
    expect(otherTeam.status).toBe(403);

    const members = async () =>
      (await trpc<TeamWire>(h.app, "teams.get", { id: h.teams.alpha }, maintainer)).data!.members.map((m) => [m.handle, m.role]);

    expect((await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: other, role: "member" }, maintainer)).status).toBe(200);
    expect(await members()).toContainEqual(["other", "member"]);
    expect((await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: other, role: "maintainer" }, maintainer)).status).toBe(200);
    expect(await members()).toContainEqual(["other", "maintainer"]);
    const counted = await trpc<TeamListWire[]>(h.app, "teams.list", undefined, maintainer);
    expect(counted.data!.find((t) => t.slug === "alpha")?.memberCount).toBe(3);

    expect((await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: other, role: null }, maintainer)).status).toBe(200);
    expect((await members()).map(([handle]) => handle)).not.toContain("other");
    // Removing someone from alpha leaves their other memberships alone.
    const beta = await trpc<TeamWire>(h.app, "teams.get", { id: h.teams.beta }, maintainer);
    expect(beta.data!.members.map((m) => m.handle)).toEqual(["other"]);

    const unknown = await trpc(
      h.app,
      "teams.setMember",
      { teamId: h.teams.alpha, userId: "00000000-0000-4000-8000-000000000000", role: "member" },
      maintainer,
    );
    expect(unknown.status).toBe(404);

    // The last maintainer cannot step down or leave; once someone else maintains the team, they can.
    const author = h.people.author.id;
    const alone = await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: author, role: "member" }, maintainer);
    expect(alone.status).toBe(409);
    expect(alone.error!.message).toMatch(/at least one maintainer/);
    expect((await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: author, role: null }, maintainer)).status).toBe(409);
    expect(await members()).toContainEqual(["author", "maintainer"]);
    const teammate = h.people.teammate.id;
    expect((await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: teammate, role: "maintainer" }, maintainer)).status).toBe(200);
    expect((await trpc(h.app, "teams.setMember", { teamId: h.teams.alpha, userId: author, role: "member" }, maintainer)).status).toBe(200);
    expect(await members()).toContainEqual(["author", "member"]);
  });
});
