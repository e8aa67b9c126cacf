// The `hindsight` command line: commander wiring only. Each command lives in commands/; this file
// parses flags, builds the configuration and the client, and turns failures into exit codes
// (0 ok, 1 failure, 2 usage error) and one-line messages without stack traces or tokens.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ZCreateEntryInput, ZEntryKind, type EntryKind } from "@hindsight/domain";
import { HindsightClient } from "./client.js";
import { exportEntries } from "./commands/export.js";
import { importChat, importSlack } from "./commands/import.js";
import { publish } from "./commands/publish.js";
import { parseKinds, search } from "./commands/search.js";
import { knownSecrets, loadConfig, requireToken, type CliConfig } from "./config.js";
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "./errors.js";
import { processIo, redactingIo, type Io } from "./io.js";

export const VERSION = "0.1.0";

export interface RunOptions {
  io?: Io;
  /** The environment to read HINDSIGHT_URL / HINDSIGHT_TOKEN from (process.env by default). */
  env?: Record<string, string | undefined>;
  /** For tests. */
  fetch?: typeof fetch;
}

const intIn = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
  return n;
};

const kindArg = (value: string): EntryKind => {
  const k = ZEntryKind.safeParse(value);
  if (!k.success) throw new InvalidArgumentError(`must be one of ${ZEntryKind.options.join(", ")}`);
  return k.data;
};

const sourceArg = (value: string): string => {
  const s = ZCreateEntryInput.shape.source.safeParse(value);
  if (!s.success) throw new InvalidArgumentError("use lowercase letters, digits, '.', '_' and '-' (at most 60)");
  return s.data;
};

const urlArg = (value: string): string => {
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    throw new InvalidArgumentError("must be an http(s) URL");
  }
  return value.endsWith("/") ? value : `${value}/`;
};

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

const EXAMPLES = `
Configuration:
  HINDSIGHT_URL     server URL (default http://localhost:3000); --url wins
  HINDSIGHT_TOKEN   API token (create one in the portal under your profile); --token wins,
                    but a flag is visible to other users in process lists: prefer the variable

Examples:
  $ hindsight publish docs/runbooks --kind runbook --team payments --source payments-repo --prune
  $ hindsight search "connection pool exhausted" --kind fix
  $ hindsight import slack ./slack-export.zip --team payments
  $ hindsight import chat incident.log --title "Checkout outage war room" --date 2026-03-14
  $ hindsight export ./backup

Exit codes: 0 ok, 1 failure (including files that could not be published), 2 usage error.`;

export function buildProgram(io: Io, options: RunOptions, setExit: (code: number) => void): Command {
  const program = new Command("hindsight");
  program
    .description("Publish a folder of markdown, import chat history, search and back up Hindsight, over its REST API.")
    .version(VERSION, "-V, --version")
    .option("--url <url>", "Hindsight server URL (env HINDSIGHT_URL)")
    .option("--token <token>", "API token (env HINDSIGHT_TOKEN, preferred)")
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, "")),
      writeErr: (s) => io.err(s.replace(/\n$/, "")),
    })
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", EXAMPLES);

  const config = (): CliConfig => {
    const g = program.opts<{ url?: string; token?: string }>();
    return loadConfig({ url: g.url, token: g.token }, options.env);
  };
  const client = (c: CliConfig) => new HindsightClient({ url: c.url, token: c.token, fetch: options.fetch });

  program
    .command("publish")
    .description("publish every markdown file under <dir> (docs-as-code): new files are created, changed ones updated, the rest left alone")
    .argument("<dir>", "folder of *.md files (hidden folders and node_modules are skipped)")
    .addOption(new Option("--kind <kind>", "kind for files whose front matter names none").argParser(kindArg))
    .option("--team <slug>", "owner team for files whose front matter names none")
    .option("--source <name>", "namespace of the entries' keys (the file path is the key): one per repository", sourceArg, "repo")
    .option("--link <url>", "URL of <dir> in its repository, e.g. https://github.com/acme/docs/blob/main/runbooks/; each entry links to its file", urlArg)
    .option("--batch-size <n>", "entries per request", intIn(1, 1000), 200)
    .option("--dry-run", "check every file locally and show what would be published; send nothing")
    .option("--prune", "archive entries of --source whose file is no longer under <dir> (needs an explicit --source)")
    .option("--verbose", "list unchanged files too")
    .addHelpText(
      "after",
      `
Front matter (YAML between --- lines) may set kind, title, summary, tags, services, team, visibility,
status, sourceUrl, externalKey, source and the kind's fields; without it, the title comes from the first
heading and known headings (Impact, Timeline, Mitigation, …) fill the kind's fields. Files that fail are
listed as path:line: reason and the others still publish (the exit code is then 1).

--prune archives, after publishing, the entries of --source (as the token sees them) whose key no file
under <dir> carries any more: a runbook deleted from the repository leaves search too. Nothing else is
touched: other sources, entries without a key (written in the portal), files still present. It needs an
explicit --source, so two repositories on the default cannot archive each other's entries, and it does
nothing when any file failed. With --dry-run it lists what would be archived.`,
    )
    .action(async (dir: string, o: { kind?: EntryKind; team?: string; source: string; link?: string; batchSize: number; dryRun?: boolean; verbose?: boolean; prune?: boolean }, cmd: Command) => {
      const c = config();
      const dryRun = o.dryRun === true;
      const prune = o.prune === true;
      if (prune && cmd.getOptionValueSource("source") === "default") {
        throw new UsageError("--prune needs an explicit --source (one per repository): it archives that source's entries whose file is gone");
      }
      if (!dryRun || prune) requireToken(c);
      const result = await publish(
        dir,
        { kind: o.kind, team: o.team, source: o.source, linkBase: o.link, batchSize: o.batchSize, dryRun, verbose: o.verbose === true, prune },
        io,
        c.token ? client(c) : null,
      );
      setExit(result.exitCode);
    });

  program
    .command("search")
    .description("search what your token may read; prints ranked hits with links to the portal")
    .argument("<query...>", "words, \"quoted phrases\", or a pasted error line")
    .option("--kind <kinds>", "only these kinds (comma-separated; repeatable)", collect)
    .option("--team <slug>", "only entries of this team (repeatable)", collect)
    .option("--limit <n>", "how many hits", intIn(1, 500), 10)
    .option("--json", "print the hits as JSON")
    .action(async (words: string[], o: { kind?: string[]; team?: string[]; limit: number; json?: boolean }) => {
      const kinds = parseKinds(o.kind);
      setExit(await search(words, { kind: kinds, team: o.team, limit: o.limit, json: o.json === true }, io, client(config())));
    });

  const imports = program.command("import").description("import chat history as transcripts (re-importing updates them)");
  imports
    .command("slack")
    .description("import a Slack export: one transcript per channel and day, secrets redacted")
    .argument("<export>", "the export's .zip, or the folder it unpacks to")
    .option("--team <slug>", "owner team of the transcripts")
    .option("--visibility <v>", "org (default), team or restricted")
    .action(async (source: string, o: { team?: string; visibility?: string }) => {
      const c = config();
      requireToken(c);
      setExit(await importSlack(source, o, io, client(c)));
    });
  imports
    .command("chat")
    .description("import a plain-text chat log ([HH:MM] name: text, HH:MM <nick> text, IRC logs)")
    .argument("<file>", "the log file, or - for standard input")
    .requiredOption("--title <title>", "title of the transcript")
    .option("--channel <name>", "channel the log comes from")
    .option("--date <YYYY-MM-DD>", "day of the log, for lines that carry only a time")
    .option("--team <slug>", "owner team")
    .option("--visibility <v>", "org (default), team or restricted")
    .option("--key <externalKey>", "stable key, so importing the log again updates it")
    .action(async (file: string, o: { title: string; channel?: string; date?: string; team?: string; visibility?: string; key?: string }) => {
      const c = config();
      requireToken(c);
      setExit(await importChat(file, o, io, client(c)));
    });

  program
    .command("export")
    .description("back up every entry your token may read as <dir>/<kind>/<slug>.md; `hindsight publish <dir>` restores them")
    .argument("<dir>", "folder to write (created if missing; files of the same entries are overwritten)")
    .option("--kind <kinds>", "only these kinds (comma-separated; repeatable)", collect)
    .action(async (dir: string, o: { kind?: string[] }) => {
      setExit(await exportEntries(dir, { kind: parseKinds(o.kind) }, io, client(config())));
    });

  return program;
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function run(argv: string[], options: RunOptions = {}): Promise<number> {
  const io = redactingIo(options.io ?? processIo(), knownSecrets(argv, options.env));
  let exitCode = EXIT_OK;
  const program = buildProgram(io, options, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has printed its message (or the help) already.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return EXIT_OK;
      if (err.code === "commander.help") return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.err(`hindsight: ${err.message}`);
      return EXIT_USAGE;
    }
    const message = err instanceof CliError || err instanceof Error ? err.message : String(err);
    io.err(`hindsight: ${message}`);
    return EXIT_FAILURE;
  }
}
