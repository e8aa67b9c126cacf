import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ZTranscriptFields, ZTranscriptMessage } from "../kinds.js";
import { parseSlackExport, renderSlackText, slackDirectory, slackMessage, slackTsToIso } from "./slack.js";

const dir = slackDirectory(
  [
    { id: "U1", name: "jdoe", real_name: "Jane Doe", profile: { real_name: "Jane Doe", display_name: "jane" } },
    { id: "U2", name: "bob", profile: { display_name: "Bobby" } },
  ],
  [{ id: "C1", name: "general" }],
);

describe("renderSlackText", () => {
  it.each([
    ["<@U1> ping", "@Jane Doe ping"],
    ["<@U2|bob> hi", "@Bobby hi"],
    ["<@U9|old name> hi", "@old name hi"],
    ["<@U9>", "@U9"],
    ["see <#C1|general> and <#C1> and <#C9>", "see #general and #general and #C9"],
    ["<https://example.com/a?b=1&amp;c=2|the docs>", "[the docs](https://example.com/a?b=1&c=2)"],
    ["<https://example.com>", "https://example.com"],
    ["<mailto:a@b.c|a@b.c>", "a@b.c"],
    ["<!here> <!channel> <!everyone>", "@here @channel @everyone"],
    ["<!subteam^S1|@oncall> look", "@oncall look"],
    ["<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014"],
    ["a &lt;b&gt; &amp;&amp; c", "a <b> && c"],
  ])("%s -> %s", (input, output) => expect(renderSlackText(input, dir)).toBe(output));
});

describe("slackMessage", () => {
  it("resolves the author, falling back to the embedded profile, the bot name and the id", () => {
    const name = (raw: Record<string, unknown>) => {
      const r = slackMessage({ type: "message", ts: "1.000001", text: "x", ...raw }, dir);
      return "message" in r ? r.message.user : r.skipped;
    };
    expect(name({ user: "U1" })).toBe("Jane Doe");
    expect(name({ user: "U9", user_profile: { real_name: "Peter", display_name: "" } })).toBe("Peter");
    expect(name({ subtype: "bot_message", bot_id: "B1", username: "deploybot" })).toBe("deploybot");
    expect(name({ bot_id: "B1", bot_profile: { name: "PagerDuty" } })).toBe("PagerDuty");
    expect(name({ user: "U9" })).toBe("U9");
  });

  it("renders blocks when the text is empty, and attachments when both are", () => {
    const blocks = [
      {
        type: "rich_text",
        elements: [
          { type: "rich_text_section", elements: [{ type: "text", text: "deploy " }, { type: "text", text: "failed ", style: { bold: true } }, { type: "user", user_id: "U1" }, { type: "emoji", name: "fire", unicode: "1f525" }] },
          { type: "rich_text_list", style: "ordered", elements: [{ type: "rich_text_section", elements: [{ type: "link", url: "https://ci/1", text: "build" }] }] },
          { type: "rich_text_quote", elements: [{ type: "text", text: "quoted\nlines" }] },
        ],
      },
    ];
    const r = slackMessage({ ts: "1.1", user: "U2", text: "", blocks }, dir);
    expect("message" in r && r.message.text).toBe("deploy **failed** @Jane Doe🔥\n1. [build](https://ci/1)\n> quoted\n> lines");
    const a = slackMessage({ ts: "1.2", bot_id: "B", text: "", attachments: [{ fallback: "fb", title: "Alert <!here>", text: "CPU high" }] }, dir);
    expect("message" in a && a.message.text).toBe("Alert @here\nCPU high");
  });

  it("turns ts into an ISO time", () => {
    expect(slackTsToIso("1516454537.000093")).toBe("2018-01-20T13:22:17.000Z");
    expect(slackTsToIso("1516454537.123456")).toBe("2018-01-20T13:22:17.123Z");
    expect(slackTsToIso("nope")).toBeUndefined();
  });

  it("drops the access token from private file URLs", () => {
    const r = slackMessage({ ts: "1.3", user: "U1", text: "f", files: [{ id: "F1", name: "a.log", url_private: "https://files.slack.com/a.log?t=xoxe-123&x=1" }] }, dir);
    expect("message" in r && r.message.files).toEqual([{ name: "a.log", url: "https://files.slack.com/a.log?x=1" }]);
  });
});

describe("parseSlackExport", () => {
  it("finds users.json and channels.json at any depth, skips system messages and unreadable files", () => {
    const result = parseSlackExport({
      "export/users.json": JSON.stringify([{ id: "U1", real_name: "Jane Doe" }]),
      "export/meta/channels.json": JSON.stringify([{ id: "C7", name: "incidents" }]),
      "export/incidents/2024-03-05.json": JSON.stringify([
        { type: "message", subtype: "channel_join", user: "U1", text: "<@U1> has joined the channel", ts: "1709629200.000100" },
        { type: "message", user: "U1", text: "see <#C7>", ts: "1709629260.000200" },
      ]),
      "export/incidents/2024-03-04.json": JSON.stringify([{ type: "message", subtype: "channel_purpose", ts: "1709542800.000100", text: "x" }]),
      "export/incidents/2024-03-06.json": "{ not json",
      "export/integration_logs.json": "[]",
    });
    expect(result.users).toBe(1);
    expect(result.transcripts).toEqual([
      {
        channel: "incidents",
        date: "2024-03-05",
        title: "#incidents — 2024-03-05",
        messages: [{ ts: "1709629260.000200", at: "2024-03-05T09:01:00.000Z", user: "Jane Doe", text: "see #incidents" }],
      },
    ]);
    expect(result.skipped).toEqual([
      { reason: "channel_join", count: 1 },
      { reason: "channel_purpose", count: 1 },
      { reason: "day file with no conversation", count: 1 },
      { reason: "unreadable JSON file (export/incidents/2024-03-06.json)", count: 1 },
    ]);
  });
});

// ------------------------------------------------------------------------------------------------
// The real Slack export fixtures (../shared/corpus beside the repo root)
// ------------------------------------------------------------------------------------------------

const CORPUS = fileURLToPath(new URL("../../../../../shared/corpus", import.meta.url));
const SLACK = join(CORPUS, "slack", "zulip-slack-importer-fixtures");
const corpusMissing = !existsSync(join(SLACK, "export_test_slack_importer", "users.json"));
if (corpusMissing && process.env.CI === "true") {
  throw new Error(`Slack corpus not found at ${SLACK}: CI must provide ../shared/corpus beside the repository root`);
}

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".json")) out[relative(root, path)] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return out;
}

describe.skipIf(corpusMissing)(corpusMissing ? `Slack corpus (skipped: none at ${SLACK})` : "Slack corpus", () => {
  const users = corpusMissing ? "[]" : readFileSync(join(SLACK, "export_test_slack_importer", "users.json"), "utf8");

  it("imports the real export layout: names, mentions, files, joins skipped", () => {
    const result = parseSlackExport(readTree(SLACK));
    expect(result.users).toBe(4);
    expect(result.transcripts.map((t) => `${t.channel}/${t.date}`)).toEqual(["random/2017-06-25", "random/2018-01-20"]);
    expect(result.skipped).toEqual([{ reason: "channel_join", count: 4 }]);
    const all = result.transcripts.flatMap((t) => t.messages);
    expect(all).toHaveLength(9);
    for (const t of result.transcripts) expect(ZTranscriptFields.safeParse({ channel: t.channel, format: "slack", messages: t.messages }).success).toBe(true);

    const [first, second] = result.transcripts;
    expect(first!.messages).toEqual([{ ts: "1498401071.279035", at: "2017-06-25T14:31:11.279Z", user: "Josef K.", text: "edfadfa" }]);
    expect(second!.messages.map((m) => m.user)).toEqual([
      "Steve Howell",
      "Josef K.",
      "Josef K.",
      "Rhea Parekh",
      "Rhea Parekh",
      "Rhea Parekh",
      "Rhea Parekh",
      "Rhea Parekh",
    ]);
    const upload = second!.messages[1]!;
    expect(upload.text).toBe(
      "@Josef K. uploaded a file: [dirac72.md](https://plan8team.slack.com/files/U6006P1CN/F8VSW87RR/dirac72.md) and commented: test upload attachment",
    );
    expect(upload.files).toEqual([{ name: "dirac72.md", url: "https://plan8team.slack.com/files/U6006P1CN/F8VSW87RR/dirac72.md" }]);
    expect(second!.messages.map((m) => m.text)).toContain("@channel");
    // Unicode names resolve too (this user only joined, so check the directory directly).
    expect(renderSlackText("<@U8X25EBAB> said hi", slackDirectory(JSON.parse(users) as unknown[]))).toBe("@Rishi हिन्दी 汉语 said hi");
    // Messages keep the export's order, and nothing leaks a file-access token.
    expect(JSON.stringify(result)).not.toContain("xoxe-");
  });

  const fixture = (name: string) => readFileSync(join(SLACK, "exported_messages_fixtures", name), "utf8");
  // The message fixtures are bare messages; put each where an export keeps a day's messages.
  const importFixture = (name: string) => parseSlackExport({ "users.json": users, [`random/2024-01-01.json`]: fixture(name) });

  it("keeps threads intact: every reply points at a parent in the transcript", () => {
    for (const name of ["normal_thread.json", "thread_with_broadcast_reply.json"]) {
      const messages = importFixture(name).transcripts[0]!.messages;
      const ts = new Set(messages.map((m) => m.ts));
      const replies = messages.filter((m) => m.threadTs);
      expect(replies.length, name).toBeGreaterThan(0);
      for (const r of replies) expect(ts.has(r.threadTs!), `${name}: ${r.ts} -> ${r.threadTs}`).toBe(true);
      for (const m of messages) expect(ZTranscriptMessage.safeParse(m).success).toBe(true);
    }
    const thread = importFixture("normal_thread.json").transcripts[0]!.messages;
    expect(thread.map((m) => [m.ts, m.threadTs ?? null])).toEqual([
      ["1434139102.000002", null],
      ["1439868294.000007", "1434139102.000002"],
      ["1539868294.000007", null],
      // Upstream quirk kept as is: this reply's ts is earlier than its parent's.
      ["1449868294.000007", "1539868294.000007"],
    ]);
  });

  it("marks thread broadcasts", () => {
    const messages = importFixture("thread_with_broadcast_reply.json").transcripts[0]!.messages;
    expect(messages.map((m) => ({ text: m.text, threadTs: m.threadTs, broadcast: m.broadcast }))).toEqual([
      { text: "thread message", threadTs: undefined, broadcast: undefined },
      { text: "first reply", threadTs: "1434139102.000002", broadcast: undefined },
      { text: "everyone should see this", threadTs: "1434139102.000002", broadcast: true },
    ]);
  });

  it("skips joins and resolves mentions in the plain message fixture", () => {
    const result = importFixture("normal_messages.json");
    expect(result.skipped).toEqual([{ reason: "channel_join", count: 1 }]);
    // These fixtures' user ids are not in users.json, so the id is the name of last resort.
    expect(result.transcripts[0]!.messages).toEqual([
      { ts: "1437868294.000006", at: "2015-07-25T23:51:34.000Z", user: "U061A1R2R", text: "@U061A5N1G: hey!" },
    ]);
  });

  it("keeps files and rich text from the modern message format", () => {
    const [m] = importFixture("message_with_variety_files_and_rich_text.json").transcripts[0]!.messages;
    expect(m!.text).toBe("message with *files  @U074VRHQ11T* \nF07A32DC2GG");
    expect(m!.files).toEqual([
      { name: "Weekly Sync", url: "https://ds-py62195.slack.com/docs/T06NRA6HM3P/F07A32DC2GG" },
      { name: "channels.json", url: "https://ds-py62195.slack.com/files/U06NU4E26M9/F07A2TVQ7C0/channels.json" },
    ]);
    const code = importFixture("message_with_code_block.json").transcripts[0]!.messages[0]!;
    expect(code.user).toBe("Peter"); // from the message's embedded user_profile
    expect(code.text).toBe("```# I'm a code block!\n\ndef convert_slack_formatting(text: str) -> str:\n    return text```");
    // With the text gone, the rich-text blocks say the same thing.
    const raw = JSON.parse(fixture("message_with_code_block.json")) as Record<string, unknown>;
    const fromBlocks = slackMessage({ ...raw, text: "" }, slackDirectory(JSON.parse(users) as unknown[]));
    expect("message" in fromBlocks && fromBlocks.message.text).toBe(
      "```\n# I'm a code block!\n\ndef convert_slack_formatting(text: str) -> str:\n    return text\n```",
    );
  });
});
