import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateField, parseMarkdownFile, walkMarkdown } from "./markdown-files.js";

describe("walkMarkdown", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("finds *.md and *.markdown files, sorted, skipping hidden folders and node_modules", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "hindsight-walk-"));
    dirs.push(root);
    for (const f of ["b.md", "a/z.markdown", "a/b/c.MD", "notes.txt", ".hidden/x.md", "node_modules/pkg/README.md", ".draft.md"]) {
      await mkdir(path.dirname(path.join(root, f)), { recursive: true });
      await writeFile(path.join(root, f), "# x\n");
    }
    expect(await walkMarkdown(root)).toEqual(["a/b/c.MD", "a/z.markdown", "b.md"]);
  });
});

const defaults = { source: "repo" };

describe("parseMarkdownFile", () => {
  it("keys a file by its path and takes the title from the first heading", () => {
    const r = parseMarkdownFile("runbooks/disk.md", "# Disk full\n\n## Mitigation\n\nDelete old logs.\n", { ...defaults, kind: "runbook", team: "platform" });
    expect(r).toMatchObject({
      ok: true,
      keyedByPath: false,
      payload: { kind: "runbook", title: "Disk full", externalKey: "runbooks/disk.md", source: "repo", team: "platform", status: "published" },
    });
  });

  it("lets the front matter win over the defaults", () => {
    const md = "---\nkind: fix\ntitle: Pinned\nteam: payments\nexternalKey: KB-1\nsource: wiki\nstatus: draft\ntags: [Kafka, lag]\n---\n\nbody\n";
    const r = parseMarkdownFile("x.md", md, { ...defaults, kind: "runbook", team: "platform" });
    expect(r).toMatchObject({
      ok: true,
      payload: { kind: "fix", title: "Pinned", team: "payments", externalKey: "KB-1", source: "wiki", status: "draft", tags: ["Kafka", "lag"] },
    });
  });

  it("keys a file exported from an entry without a key by its path, and says so", () => {
    const r = parseMarkdownFile("fix/x.md", "---\nkind: fix\ntitle: T\nexternalKey: null\n---\n\nbody\n", defaults);
    expect(r).toMatchObject({ ok: true, keyedByPath: true, payload: { externalKey: "fix/x.md" } });
  });

  it("links each entry to its file when given the folder's URL", () => {
    const r = parseMarkdownFile("on call/disk full.md", "# Disk\n", { ...defaults, kind: "runbook", linkBase: "https://git.example/docs/blob/main/" });
    expect(r.ok && r.payload.sourceUrl).toBe("https://git.example/docs/blob/main/on%20call/disk%20full.md");
  });

  it.each([
    ["no kind anywhere", "# Title\n\nbody\n", 1, /names no kind: .*pass --kind/],
    ["an unknown kind", "---\ntitle: T\nkind: recipe\n---\n\nbody\n", 3, /kind/],
    ["front matter that is not YAML", "---\nkind: fix\ntitle: a: b: c\n---\n\nbody\n", 3, /^front matter is not valid YAML: Nested mappings are not allowed in compact mappings \(column 8\)$/],
    ["a tag that is not a label", "---\nkind: fix\ntitle: T\ntags:\n  - ok\n  - not a label!\n---\n\nbody\n", 6, /tags\.1: may use letters/],
    ["a title too long", `---\nkind: fix\nsummary: s\ntitle: ${"x".repeat(250)}\n---\n`, 4, /title must be at most 200/],
    ["fields that do not fit the kind", "---\nkind: postmortem\ntitle: T\nfields:\n  severity: SEV9\n---\n\nbody\n", 5, /fields\.severity/],
    ["a sourceUrl that is not a URL", "---\nkind: fix\ntitle: T\nsourceUrl: wiki/page\n---\n", 4, /sourceUrl must be an absolute URL/],
  ])("reports %s with its line", (_name, md, line, message) => {
    const r = parseMarkdownFile("f.md", md, defaults);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.path).toBe("f.md");
    expect(r.problem.line).toBe(line);
    expect(r.problem.message).toMatch(message);
  });
});

describe("locateField", () => {
  const md = [
    "---", // 1
    "kind: postmortem", // 2
    "title: T", // 3
    "tags:", // 4
    "- a", // 5
    "- b", // 6
    "fields:", // 7
    "  timeline:", // 8
    "    - at: '10:00'", // 9
    "      text: one", // 10
    "    - at: '10:05'", // 11
    "      text: two", // 12
    "  severity: SEV2", // 13
    "---", // 14
    "",
    "# Heading", // 16
  ].join("\n");

  it.each([
    ["kind", 2],
    ["tags", 4],
    ["tags.1", 6],
    ["fields", 7],
    ["fields.timeline.1", 11],
    ["fields.timeline.1.text", 12],
    ["fields.severity", 13],
    ["fields.missing", 7],
    ["summary", 1],
    ["", 1],
  ])("%s is on line %i", (field, line) => {
    expect(locateField(md, field)).toBe(line);
  });

  it("points a title taken from the body at its heading", () => {
    expect(locateField("---\nkind: fix\n---\n\n# Heading\n", "title")).toBe(5);
    expect(locateField("intro\n# Heading\n", "title")).toBe(2);
  });
});
