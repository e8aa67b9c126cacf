import { describe, expect, it } from "vitest";
import { parseQuery } from "./query.js";
import { tokenize } from "./tokenize.js";
import { makeSnippet } from "./snippet.js";
import { editDistance, oneLetterAway, oneLetterOffStems, transpositions, typoDistance } from "./typo.js";
import { terms } from "./tokenize.js";

describe("parseQuery", () => {
  it.each([
    // "out of memory" is itself an error phrase: error mode, and the user's phrase still holds.
    ['"out of memory" indexer', ["out of memory"], true],
    ['restart "consumer group"', ["consumer group"], false],
    ['level=error msg="function failed" err="dial tcp: connection refused"', [], true],
    ["FATAL: remaining connection slots are reserved", [], true],
    ["kafka lag", [], false],
    // A pasted line's own quotes are not phrases to require.
    ['kafka-exporter: Get "http://10.2.14.7:9308/metrics": context deadline exceeded', [], true],
    ['Error from server (Timeout): error when creating "deploy.yaml": Timeout: request did not complete', [], true],
    // One quoted word among several others is a value a notification quotes, not a phrase to require.
    ['zorbcache cluster "zc-prod-2": 99th percentile of lookups is 2s', [], false],
    ['job "nightly-export" failed in namespace batch', [], false],
    // A quoted word the user adds to a word or two is theirs; so is a quoted phrase anywhere.
    ['"zorbcache" lag', ["zorbcache"], false],
    ['pods stuck "container creating" after the upgrade', ["container creating"], false],
  ])("%s", (q, phrases, errorMode) => {
    const p = parseQuery(q);
    expect(p.phrases).toEqual(phrases);
    expect(p.errorFingerprint !== null).toBe(errorMode);
  });

  it("marks only an unfinished last word as a prefix", () => {
    expect(parseQuery("remote writ").terms.map((t) => t.prefix)).toEqual([false, true]);
    expect(parseQuery("remote writ ").terms.map((t) => t.prefix)).toEqual([false, false]);
    // An identifier being typed completes by its whole, not by its last part.
    const typing = parseQuery("KubeJobFai").terms;
    expect(typing.filter((t) => t.prefix).map((t) => t.word)).toEqual(["kubejobfai"]);
  });

  it("leaves a percentage out of a question's words", () => {
    expect(parseQuery("inodes on a worker at 96%").terms.map((t) => t.word)).toEqual(["inodes", "worker"]);
    expect(parseQuery("slo burn at 99.9 % and 12,5% of requests failing").terms.map((t) => t.word)).toEqual(["slo", "burn", "requests", "failing"]);
    // Not a number beside letters ("v2%" is no percentage), nor any other number of a question.
    expect(parseQuery("v2%fix on 300 nodes").terms.map((t) => t.word)).toEqual(expect.arrayContaining(["v2", "300"]));
  });

  it("searches a network interface's name whole, never by its parts", () => {
    const words = (q: string) => parseQuery(q).terms.map((t) => t.word);
    expect(words("bond0 link keeps flapping")).toEqual(["bond0", "link", "keeps", "flapping"]);
    expect(words("rx drops on enp3s0f1 and eth2")).toEqual(["rx", "drops", "enp3s0f1", "eth2"]);
    expect(words("veth3f2a1c vanished from the bridge")).toEqual(["veth3f2a1c", "vanished", "bridge"]);
    // Other identifiers keep their parts: "prod-eu" and "KubePodCrashLooping" are not interfaces.
    expect(words("KubePodCrashLooping in prod-eu")).toEqual(["kubepodcrashlooping", "kube", "pod", "crash", "looping", "prod-eu", "prod"]);
    expect(words("bonding driver broke")).toEqual(["bonding", "driver", "broke"]);
  });

  it("drops timestamps and ids from pasted lines", () => {
    const words = parseQuery("2026-02-11T08:01:13Z ERROR request 7f3a9c2e-1d4b-4e5f-9a8b-0c1d2e3f4a5b failed: connection refused").terms.map((t) => t.word);
    expect(words).toEqual(expect.arrayContaining(["error", "request", "failed", "connection", "refused"]));
    expect(words.join(" ")).not.toMatch(/2026|7f3a9c2e/);
  });
});

describe("parseQuery on structured log lines", () => {
  const words = (q: string) => parseQuery(q).terms.map((t) => t.word);
  it("drops logfmt and JSON keys, which every line of the logger repeats, and keeps their values", () => {
    const logfmt = words('level=warn ts=2025-03-04T05:06:07Z caller=engine.go:42 subsystem="frob pipeline" msg="spline reticulation failed"');
    expect(logfmt).toEqual(expect.arrayContaining(["warn", "engine", "frob", "pipeline", "spline", "reticulation", "failed"]));
    for (const key of ["level", "caller", "subsystem", "msg"]) expect(logfmt).not.toContain(key);
    const json = words('{"severity":"error", "message":"widget quorum lost: dial tcp 10.1.2.3:5432: connect: connection refused"}');
    expect(json).toEqual(expect.arrayContaining(["error", "widget", "quorum", "lost", "dial", "tcp", "connect"]));
    for (const key of ["severity", "message"]) expect(json).not.toContain(key);
  });
  it("keeps words before a colon and quoted names that are not keys", () => {
    const w = words('Error from server (Timeout): error when creating "frobnicator.yaml": reconcile: dial tcp 10.0.0.1:443: i/o timeout');
    expect(w).toEqual(expect.arrayContaining(["server", "creating", "frobnicator", "reconcile", "dial", "tcp"]));
  });
  it("searches an identifier too long to be a term by its CamelCase parts (a long alert name in a notification)", () => {
    const w = words("[CRITICAL] FrobnicatorQueueConsumersFallingBehindTheirPartitions namespace=frob severity=critical");
    expect(w).toEqual(expect.arrayContaining(["frobnicator", "queue", "consumers", "falling", "behind", "partitions"]));
    // One short enough stays one word, as the index has it whole.
    expect(words("[CRITICAL] FrobnicatorQueueStalled namespace=frob")).toContain("frobnicatorqueuestalled");
  });
});

describe("tokenize", () => {
  it.each([
    ["KubePodCrashLooping", ["kubepodcrashlooping", "kube", "pod", "crash", "loop"]],
    ["node_exporter.scrape", ["node_exporter.scrape", "node", "export", "scrape"]],
    ["/var/log/pods", ["var/log/pods", "var", "log", "pod"]],
    ["HTTP 502 from edge-proxy", ["http", "502", "edge-proxy", "edg", "proxi"]],
    ["The café is ÜBER busy", ["cafe", "uber", "busi"]],
    // Short parts of a split identifier never stand alone; the whole (and a piece that splits) does.
    ["k8s", ["k8s"]],
    ["aws-s3 bucket", ["aws-s3", "s3", "aw", "bucket"]],
    ["Zq8Wv3Lm0Tx7Rk2P", ["zq8wv3lm0tx7rk2p"]],
    ["PM2022-001", ["pm2022-001", "pm2022", "2022", "001"]],
    // An acronym's plural is a plain word; a CamelCase identifier still splits.
    ["restart the VMs and CRDs", ["restart", "vm", "crd"]],
    ["APIServer", ["apiserver", "api", "server"]],
    // A single digit is not a term; two-letter words and numbers are.
    ["step 3 of 5: check ip and db 502", ["step", "check", "ip", "db", "502"]],
  ])("%s", (text, expected) => expect(tokenize(text).map((t) => t.term)).toEqual(expected));
});

describe("editDistance", () => {
  it.each([
    ["certificate", "certficate", 1],
    ["timeout", "tiemout", 1],
    ["kubernetes", "kubernets", 1],
    ["disk", "dizk", 1],
    ["abc", "xyz", 3],
  ])("%s ~ %s", (a, b, d) => expect(editDistance(a, b, 3)).toBe(d));
  it("lists every neighbour swap once", () => {
    expect(transpositions("upgarde")).toContain("upgrade");
    expect(transpositions("aab")).toEqual(["aba"]);
  });
  it("stops early past the bound", () => expect(editDistance("aaaaaaaa", "bbbbbbbb", 2)).toBe(3));
});

describe("typoDistance (typed word against an indexed stem)", () => {
  const stem = (w: string) => terms(w)[0]!;
  it.each([
    // A typo breaks the stemmer: the suffix it could not strip is not a typo.
    ["replciation", "replication", 1],
    ["conection", "connection", 1],
    ["certficate", "certificate", 1],
    ["throtling", "throttling", 1],
    // The stem lost the word's final "e" ("storage" -> "storag"): one typo from the word.
    ["storge", "storage", 1],
    ["imgae", "image", 1],
    // Begins with the stem itself ("exhaust"): as good as the word.
    ["exhaustoin", "exhaustion", 0],
  ])("%s ~ %s", (typed, meant, d) => expect(typoDistance(typed, stem(typed), stem(meant))).toBe(d));
  it.each([
    // Each side is allowed the typos of its shorter form: a short stem is not a typo of a long word.
    ["parking", "part"],
    ["appealing", "app"],
    ["cooking", "cool"],
    // An identifier is not a typo of its first part.
    ["deploy_status_flag", "deploy"],
  ])("%s is no typo of %s", (typed, term) => expect(typoDistance(typed, stem(typed), term)).toBeNull());
});

describe("oneLetterAway (spellings one letter from a word)", () => {
  it("leaves each letter out and puts each letter in, at every place", () => {
    const spellings = [...oneLetterAway("pod")];
    expect(spellings).toEqual(expect.arrayContaining(["od", "pd", "po", "apod", "pood", "podz"]));
    // 3 letters left out, 26 put in at each of 4 places.
    expect(spellings).toHaveLength(3 + 26 * 4);
    expect(spellings).not.toContain("pud");
  });
  it("changes a letter only when asked, and leaves none out when told not to", () => {
    expect([...oneLetterAway("pod", { substitute: true })]).toContain("pud");
    const kept = [...oneLetterAway("pod", { omit: false })];
    expect(kept).not.toContain("od");
    expect(kept).toHaveLength(26 * 4);
  });
});

describe("oneLetterOffStems (stems a letter left out or one too many leads to)", () => {
  const stem = (w: string) => terms(w)[0] ?? "";
  it.each([
    // The typo broke the stem: "latncy" stems to "latnci", three trigrams from "latenc".
    ["latncy", "latency"],
    // A suffix the stemmer does not know: "operatons" stays whole, "operations" is "oper".
    ["operatons", "operations"],
    ["databse", "database"],
    // One too many.
    ["memorry", "memory"],
    // Four letters: one left out of a word of five.
    ["spce", "space"],
    ["redy", "ready"],
  ])("%s leads to the stem of %s", (typed, meant) => expect(oneLetterOffStems(typed, stem(typed), stem)).toContain(stem(meant)));
  it.each([
    // A short stem that neither starts the typed word nor could carry a typo: "killness" is "kill".
    ["illness", "kill"],
    ["illness", "fill"],
    // Four letters have lost one at most: "pods" is no "pod" with one too many.
    ["pods", "pod"],
    // Three letters are too short for a typo at all.
    ["spc", "spec"],
  ])("%s does not lead to %s", (typed, term) => expect(oneLetterOffStems(typed, stem(typed), stem)).not.toContain(term));
  it("never returns the typed word's own stem", () => expect(oneLetterOffStems("latency", "latenc", stem)).not.toContain("latenc"));
});

describe("makeSnippet", () => {
  it("escapes everything and marks only matches", () => {
    const s = makeSnippet('Restart <b>the</b> "consumer" & check lag', ["consumer", "lag"]);
    expect(s).toBe("Restart &lt;b&gt;the&lt;/b&gt; &quot;<mark>consumer</mark>&quot; &amp; check <mark>lag</mark>");
  });
  it("centres on the densest part of a long text", () => {
    const text = `${"filler ".repeat(100)}the disk filled up and the disk alarm fired ${"filler ".repeat(100)}`;
    const s = makeSnippet(text, ["disk"]);
    expect(s.startsWith("…")).toBe(true);
    expect((s.match(/<mark>/g) ?? []).length).toBe(2);
  });
  it("marks each query's own words in a text seen before (its words are remembered, not the marks)", () => {
    const text = "The disk filled up;   the alarm fired.\nDisks were replaced, alarms silenced.";
    expect(makeSnippet(text, ["disk"])).toBe("The <mark>disk</mark> filled up; the alarm fired. <mark>Disks</mark> were replaced, alarms silenced.");
    expect(makeSnippet(text, ["alarm"])).toBe("The disk filled up; the <mark>alarm</mark> fired. Disks were replaced, <mark>alarms</mark> silenced.");
    expect(makeSnippet(text, [], ["fil"])).toBe("The disk <mark>filled</mark> up; the alarm fired. Disks were replaced, alarms silenced.");
    expect(makeSnippet(text, ["nothing"])).toBe("The disk filled up; the alarm fired. Disks were replaced, alarms silenced.");
  });
  it("highlights nothing in a text whose folding changes its length, and still cuts it", () => {
    // "ﬁ" folds to "fi" (NFKD): offsets in the folded text would not match the original.
    expect(makeSnippet("the ﬁle disk is full", ["disk"])).toBe("the ﬁle disk is full");
  });
});

describe("a structured log line's message words", () => {
  const message = (q: string) =>
    parseQuery(q)
      .terms.filter((t) => t.message)
      .map((t) => t.term);
  it("are marked from logfmt (quoted or bare) and JSON message fields, and only those", () => {
    expect(message('level=error caller=a.go:12 msg="upload stalled" err="disk quota"')).toEqual(["upload", "stall"]);
    expect(message("level=error caller=a.go:12 msg=timeout component=uploader")).toEqual(["timeout"]);
    expect(message('{"level":"error","message":"lease renewal failed","shard":"s-12"}')).toEqual(["leas", "renew", "fail"]);
    expect(message('level=error msg="Sync \\"monitoring/k8s\\" failed" err="x"')).toEqual(expect.arrayContaining(["sync", "fail"]));
  });
  it("are not marked outside error lines", () => {
    expect(message('msg="upload stalled" how do i fix it')).toEqual([]);
  });
});
