// `hindsight import slack|chat`: chat history into transcripts through the import endpoints. The
// server parses, redacts and keys them (re-importing the same export updates instead of duplicating);
// this prints its report.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ZVisibility } from "@hindsight/domain";
import type { HindsightClient, ImportReport, ImportTarget } from "../client.js";
import { CliError, UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { entryUrl } from "../text.js";

/** The server's upload limit. */
const MAX_UPLOAD = 100 * 1024 * 1024;

export interface TargetOptions {
  team?: string;
  visibility?: string;
}

export function parseTarget(opts: TargetOptions): ImportTarget {
  const target: ImportTarget = {};
  if (opts.team) target.team = opts.team;
  if (opts.visibility) {
    if (!ZVisibility.safeParse(opts.visibility).success) {
      throw new UsageError(`--visibility ${opts.visibility} is not one of ${ZVisibility.options.join(", ")}`);
    }
    target.visibility = opts.visibility;
  }
  return target;
}

/** Every .json file of an unpacked export, by its path inside the export. */
async function readExportDir(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  let bytes = 0;
  const visit = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await visit(child);
      else if (e.isFile() && e.name.endsWith(".json")) {
        files[child] = await readFile(path.join(root, child), "utf8");
        bytes += files[child].length;
        if (bytes > MAX_UPLOAD) throw new CliError(`the export under ${root} is larger than the server takes in one import (100 MB)`);
      }
    }
  };
  await visit("");
  return files;
}

export async function importSlack(source: string, opts: TargetOptions, io: Io, client: HindsightClient): Promise<number> {
  const target = parseTarget(opts);
  const info = await stat(source).catch(() => null);
  if (!info) throw new UsageError(`${source} does not exist (give a Slack export .zip or its unpacked folder)`);
  let report: ImportReport;
  if (info.isDirectory()) {
    const files = await readExportDir(source);
    if (Object.keys(files).length === 0) throw new CliError(`${source} holds no .json files: is it an unpacked Slack export?`);
    report = await client.importSlackFiles(files, target);
  } else {
    if (info.size > MAX_UPLOAD) throw new CliError(`${source} is larger than the server takes in one import (100 MB)`);
    report = await client.importSlackZip(await readFile(source), target);
  }
  printReport(io, report, client.url);
  return 0;
}

export interface ChatOptions extends TargetOptions {
  title: string;
  channel?: string;
  date?: string;
  key?: string;
}

export async function importChat(file: string, opts: ChatOptions, io: Io, client: HindsightClient): Promise<number> {
  const target = parseTarget(opts);
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new UsageError(`--date ${opts.date} is not YYYY-MM-DD`);
  if (!opts.title.trim()) throw new UsageError("--title must not be empty");
  let text: string;
  if (file === "-") {
    text = await io.readStdin();
  } else {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`${file} is not a file`);
    text = await readFile(file, "utf8");
  }
  if (!text.trim()) throw new CliError(`${file === "-" ? "standard input" : file} is empty`);
  const report = await client.importChat({
    text,
    title: opts.title,
    ...(opts.channel ? { channel: opts.channel } : {}),
    ...(opts.date ? { date: opts.date } : {}),
    ...(opts.key ? { externalKey: opts.key } : {}),
    ...target,
  });
  printReport(io, report, client.url);
  return 0;
}

export function printReport(io: Io, r: ImportReport, baseUrl: string): void {
  for (const e of r.entries) {
    if (e.outcome === "unchanged") continue;
    const messages = e.messages === undefined ? "" : ` (${e.messages} messages)`;
    io.out(`${e.outcome.padEnd(9)}  ${e.title}${messages}  ${entryUrl(baseUrl, e.slug)}`);
  }
  io.out(`${r.entries.length} entries: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
  if (r.redactions.total > 0) {
    const kinds = Object.entries(r.redactions.byKind)
      .sort(([, a], [, b]) => b - a)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    io.out(`redacted ${r.redactions.total} secrets: ${kinds}`);
    for (const l of r.redactions.locations.slice(0, 20)) io.out(`  ${l.kind} in "${l.entryTitle}", ${l.where} (line ${l.line})`);
    if (r.redactions.locations.length > 20) io.out(`  … and ${r.redactions.locations.length - 20} more`);
  }
  for (const s of r.skipped) io.out(`skipped ${s.count}: ${s.reason}`);
  for (const w of r.warnings) io.err(`warning: "${w.entryTitle}": "${w.match}" in ${w.where}${w.suggestion ? `; try: ${w.suggestion}` : ""}`);
}
