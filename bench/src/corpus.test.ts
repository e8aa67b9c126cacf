import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorpusError, listPostmortemFiles, loadCorpus, loadQueries, pairFilesWithRecords } from "./corpus.js";
import { corpusSkipReason } from "./test/fixtures.js";

const tmp = mkdtempSync(join(tmpdir(), "bench-corpus-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(root: string, paths: string[]): string[] {
  for (const p of paths) {
    mkdirSync(join(root, p, ".."), { recursive: true });
    writeFileSync(join(root, p), "# x\n");
  }
  return paths.map((p) => join(root, p));
}

const rec = (id: string, url: string) => ({ id, title: id, url });

describe("pairing files with JSONL records", () => {
  it("matches on the url's decoded file name, and on the parent folder when names collide", () => {
    const root = join(tmp, "pair");
    const fs = files(root, ["dfds/PM2022-002 -  Logs.md", "a/Down.md", "b/Down.md", "dfds/PM2022-009 - No extension"]);
    const paired = pairFilesWithRecords(
      fs,
      [
        rec("dfds/PM2022-002", "https://github.com/o/r/blob/abc/PM2022-002%20-%20%20Logs.md"),
        rec("a/Down", "https://github.com/o/r/blob/abc/content/a/Down.md"),
        rec("b/Down", "https://github.com/o/r/blob/abc/content/b/Down.md"),
        rec("dfds/PM2022-009", "https://github.com/o/r/blob/abc/PM2022-009%20-%20No%20extension"),
      ],
      root,
    );
    expect([...paired.values()].map((r) => r.id)).toEqual(["dfds/PM2022-002", "a/Down", "b/Down", "dfds/PM2022-009"]);
  });

  it("fails on a file without a record and on a record without a file", () => {
    const root = join(tmp, "gaps");
    const fs = files(root, ["x/One.md"]);
    expect(() => pairFilesWithRecords(fs, [], root)).toThrow(/x\/One.md: no JSONL record/);
    expect(() => pairFilesWithRecords(fs, [rec("one", "https://h/One.md"), rec("two", "https://h/Two.md")], root)).toThrow(/no file for JSONL record\(s\): two/);
  });

  it("lists postmortems without the template, READMEs, licences and the JSONL", () => {
    const root = join(tmp, "pm");
    files(root, ["d/README.md", "d/LICENSE", "d/SOURCE.txt", "d/PMyyyy-nnn - Postmortem template.md", "d/PM1.md", "d/PM2 - no ext", "postmortems.jsonl"]);
    expect(listPostmortemFiles(root).map((p) => p.slice(root.length + 1))).toEqual(["d/PM1.md", "d/PM2 - no ext"]);
  });

  it("rejects judged ids that are not in the corpus", () => {
    const path = join(tmp, "q.jsonl");
    writeFileSync(path, '{"q": "a", "rel": {"known": 2}}\n{"q": "b", "rel": {"unknown": 1}}\n');
    expect(() => loadQueries(path, new Set(["known"]))).toThrow(CorpusError);
    expect(loadQueries(path)).toHaveLength(2);
  });
});

describe.skipIf(corpusSkipReason)(`the shared corpus${corpusSkipReason ? ` (skipped: ${corpusSkipReason})` : ""}`, () => {
  it("pairs all 41 postmortems and 108 runbooks with their ids, and every judged id exists", () => {
    const corpus = loadCorpus();
    expect(corpus.docs.filter((d) => d.kind === "postmortem")).toHaveLength(41);
    expect(corpus.docs.filter((d) => d.kind === "runbook")).toHaveLength(108);
    expect(new Set(corpus.docs.map((d) => d.id)).size).toBe(149);
    expect(corpus.queries.length).toBeGreaterThan(0);
    const pm = corpus.docs.find((d) => d.id === "dfds/PM2020-006")!;
    expect(pm.path).toBe("dfds-postmortems/PM2020-006 - ADSync service accounts.md");
    expect(pm.markdown).toMatch(/^# ADSync service accounts/);
    expect(corpus.docs.some((d) => d.id === "dfds/PM2022-009" && !d.path.endsWith(".md"))).toBe(true);
  });
});
