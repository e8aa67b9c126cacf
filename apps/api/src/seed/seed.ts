// First-start demo workspace: written only into an empty database, in one transaction, through the
// same services as real writes (so entries get revisions and audit rows like any other).
import { ZCreateEntryInput, type Actor } from "@hindsight/domain";
import { schema, type Db } from "@hindsight/db";
import { count } from "@hindsight/db/orm";
import { createEntryTx } from "../services/entry-service.js";
import type { SearchSync } from "../services/search-sync.js";
import { demoCollections, demoEntries, demoTeams, demoUsers } from "./demo-content.js";

const { users, teams, teamMemberships, collections, collectionSections, collectionItems } = schema;

export async function seedDemoWorkspace(db: Db, search: SearchSync): Promise<{ teams: number; users: number; entries: number; collections: number } | null> {
  return search.transaction(db, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(users);
    if (Number(existing?.n ?? 0) > 0) return null;

    const teamIds = new Map<string, string>();
    for (const t of demoTeams) {
      const [row] = await tx.insert(teams).values(t).returning({ id: teams.id });
      teamIds.set(t.slug, row!.id);
    }
    const actors = new Map<string, Actor>();
    for (const u of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({ handle: u.handle, name: u.name, email: u.email, orgRole: u.orgRole })
        .returning({ id: users.id });
      const memberships = u.teams.map((m) => ({ teamId: teamIds.get(m.slug)!, userId: row!.id, role: m.role }));
      if (memberships.length) await tx.insert(teamMemberships).values(memberships);
      actors.set(u.handle, {
        userId: row!.id,
        orgRole: u.orgRole,
        teams: new Map(memberships.map((m) => [m.teamId, m.role])),
        via: "system",
      });
    }
    const entryIds = new Map<string, string>();
    for (const { key, team, author, grantTeams, ...e } of demoEntries) {
      const actor = actors.get(author)!;
      const input = ZCreateEntryInput.parse({
        ...e,
        teamId: team ? teamIds.get(team)! : null,
        grants: { userIds: [], teamIds: (grantTeams ?? []).map((slug) => teamIds.get(slug)!) },
      });
      // Our own demo text; a finding here should not stop a first start.
      const entry = await createEntryTx(tx, { db, actor, search }, input, { acknowledgeWarnings: true });
      entryIds.set(key, entry.id);
    }
    for (const c of demoCollections) {
      const curator = demoUsers.find((u) => u.teams.some((m) => m.slug === c.team && m.role === "maintainer")) ?? demoUsers[0]!;
      const [row] = await tx
        .insert(collections)
        .values({
          slug: c.slug,
          title: c.title,
          description: c.description,
          teamId: teamIds.get(c.team)!,
          isOnboarding: c.isOnboarding,
          createdBy: actors.get(curator.handle)!.userId,
        })
        .returning({ id: collections.id });
      for (const [sIdx, s] of c.sections.entries()) {
        const [section] = await tx
          .insert(collectionSections)
          .values({ collectionId: row!.id, title: s.title, position: sIdx })
          .returning({ id: collectionSections.id });
        await tx
          .insert(collectionItems)
          .values(s.items.map((item, iIdx) => ({ sectionId: section!.id, entryId: entryIds.get(item.entry)!, note: item.note, position: iIdx })));
      }
    }
    return { teams: demoTeams.length, users: demoUsers.length, entries: demoEntries.length, collections: demoCollections.length };
  });
}
