// Search through the API: the corpus found by typos, prefixes, alert names and pasted error lines;
// the permission matrix over hits, totals, facets and snippets; knowledge gaps; the REST shape.
import { databaseTargets } from "@hindsight/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusPostmortems, corpusRunbooks, corpusSkipReason } from "../test/corpus.js";
import { sql } from "@hindsight/db/orm";
import { ADMIN_TOKEN, rest, trpc, useHarness, type Harness } from "../test/harness.js";
import { pruneSearchLog } from "../services/search-service.js";
import { backfillEmbeddedIndex } from "../services/search-setup.js";
import { PostgresSearchEngine } from "@hindsight/search";

const targets = await databaseTargets();

interface Hit {
  id: string;
  title: string;
  snippet: string;
  externalKey: string | null;
  fingerprintMatch: boolean;
}
interface Result {
  hits: Hit[];
  total: number;
  facets: Record<string, Record<string, number>>;
  mode: string;
  weakMatch: boolean;
  queryId: number | null;
  nextCursor: string | null;
}

/** `n` random alphanumeric strings of `min` to `max` characters, from a seeded generator of this file's own (not the benchmark's strings). */
function randomTokens(n: number, min: number, max: number, seed: number): string[] {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: n }, () => Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
}

describe.each(targets)("search API on $name", (target) => {
  const { h, run, note, skip } = useHarness(target, { skip: corpusSkipReason });
  beforeAll(async () => {
    if (skip) return;
    const post = async (kind: string, files: { path: string; markdown: string }[]) => {
      const res = await rest(h.app, "POST", "/api/v1/import/markdown", {
        documents: files.map((f) => ({ markdown: f.markdown, kind, filename: f.path, externalKey: `${kind}/${f.path}`, source: "corpus" })),
      });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body).slice(0, 300));
    };
    await post("postmortem", corpusPostmortems());
    await post("runbook", corpusRunbooks());
  }, 180_000);
  const search = (q: string, auth: { cookie?: string; bearer?: string }, extra: Record<string, unknown> = {}) =>
    trpc<Result>(h.app, "search.query", { q, ...extra }, auth, "query");
  /** An entry of the author's, published for the whole organisation; its id. */
  const publishForAll = async (entry: { kind: string; title: string; body: string; tags?: string[]; services?: string[] }) => {
    const created = await trpc<{ id: string }>(
      h.app,
      "entries.create",
      { ...entry, teamId: h.teams.alpha, visibility: "org", status: "published" },
      { cookie: h.people.author.cookie },
    );
    expect(created.status, JSON.stringify(created.error)).toBe(200);
    return created.data!.id;
  };

  it.skipIf(skip).each([
    ["one typo", "Inotify file watches exhaustoin", "Inotify file watches exhaustion"],
    ["prefix of the last word", "etcd insufficient memb", "etcdInsufficientMembers"],
    ["alert name", "KubeStateMetricsShardingMismatch", "KubeStateMetricsShardingMismatch"],
    ["CamelCase parts", "kube state metrics sharding mismatch", "KubeStateMetricsShardingMismatch"],
    [
      "pasted error line",
      'level=error ts=2026-02-11T08:01:13.1234Z caller=runutil.go:101 msg="function failed. Retrying in next tick" err="trigger reload: reload request failed: Post \\"http://localhost:9093/alertmanager/-/reload\\": dial tcp [::1]:9093: connect: connection refused"',
      "AlertmanagerFailedReload",
    ],
    [
      // Status before the request, as load balancers log it: a log line, not a question of 20 words.
      "pasted load balancer access-log line",
      'https 2023-04-18T07:55:31.402117Z app/shop-ingress-alb/9c2e41d7 203.0.113.61:38712 10.20.3.14:30443 0.002 -1 -1 502 - 512 0 "POST https://shop.example.com:443/basket/checkout HTTP/1.1" "Mozilla/5.0" -',
      "PM2022-006",
    ],
    // An alert name typed whole in lower case is one word, not the words the entry uses: it names the
    // entry's title, and answered nothing before (or put a sibling first).
    ["lower-case alert name in a question", "kubepodcrashlooping in the payments namespace again", "KubePodCrashLooping"],
    ["lower-case alert name alone, no word of its entry", "prometheusremotewritebehind", "PrometheusRemoteWriteBehind"],
    [
      // An alert name longer than a term may be: found by its words, not lost with the whole.
      "pasted notification naming a long alert",
      "2026-03-02T10:11:12Z [FIRING:1] PrometheusErrorSendingAlertsToSomeAlertmanagers severity=critical prometheus=monitoring/k8s-1",
      "PrometheusErrorSendingAlertsToSomeAlertmanagers",
    ],
  ])(`finds the document for a %s in the top 3${note}`, async (_style, q, expected) => {
    const res = await search(q, { cookie: h.people.author.cookie });
    expect(res.status).toBe(200);
    const top = res.data!.hits.slice(0, 3).map((x) => x.externalKey ?? "");
    expect(top.some((k) => k.includes(expected)), `${q} -> ${top.join(" | ")}`).toBe(true);
  });

  // Classes that failed on unseen queries (the search-quality issue), each with a query of this file's
  // own: none of them is in the dev or judged query sets.
  it.skipIf(skip).each([
    ["swapped letters in one word", "alertmanager relaod failed", "AlertmanagerFailedReload", 1],
    ["typos in two words", "certficate expird kubelet", "CertificateExpiration", 2],
    // A letter left out where the stemmer then fails: "latncy" (stem "latnci") shares too few trigrams
    // with "latenc", and was taken for a name the index lacks, so these answered nothing at all.
    ["a letter missing from a word the stemmer then misses", "etcd disk write latncy", "etcdHighFsyncDurations", 1],
    ["the same in a longer question", "pods take ages to start, startup latncy", "KubeletPodStartUpLatencyHigh", 1],
    // Four letters are too few for an edit-distance typo, but not for one letter left out of five.
    ["a letter missing from a four-letter word", "kube pod not redy", "KubePodNotReady", 2],
    // Short words the index lacks ("pls", "hlp") weighed as much as any unknown word, and outweighed
    // what the question is about: it answered nothing.
    ["short chat words the index lacks", "alertmanager cant send notifications to slack, pls hlp", "FailedToSendAlerts", 2],
    // A percentage says how much, not what: a number no entry holds weighed as the rarest word, and
    // these answered nothing.
    ["a percentage in a question", "inodes on a worker at 96%", "NodeFilesystemAlmostOutOfFiles", 2],
    ["a percentage beside a name the index lacks", "cpu throttling of the payments container at 83%", "CPUThrottlingHigh", 1],
    // A host tool the index lacks is how the failure was seen, not what the question is about: as a
    // name it outweighed every other word, and the question answered nothing.
    ["a host tool named as how the failure was seen", "smartctl reports a failing drive in the raid array of a worker", "NodeRAID", 2],
    // A network interface's name says which interface, not what happened to it: its part "bond" weighed
    // as a word no entry is about, and the question answered nothing.
    ["a network interface's name", "bond0 link keeps flapping on a storage host", "NodeNetworkInterfaceFlapping", 1],
  ])(`finds the document for %s${note}`, async (_class, q, expected, within) => {
    const res = await search(q, { cookie: h.people.author.cookie });
    const top = res.data!.hits.slice(0, within).map((x) => x.externalKey ?? "");
    expect(top.some((k) => k.includes(expected)), `${q} -> ${top.join(" | ")}`).toBe(true);
  });

  run(`a pasted line's own quotes are not phrases to require: the line finds what it finds without them${note}`, async () => {
    const line = 'node-exporter: Get "http://10.44.0.12:9100/metrics": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
    const quoted = (await search(line, { cookie: h.people.author.cookie })).data!;
    expect(quoted.mode).toBe("error");
    expect(quoted.hits.length).toBeGreaterThan(0);
    const unquoted = (await search(line.replace(/"/g, ""), { cookie: h.people.author.cookie })).data!;
    expect(quoted.hits.slice(0, 3).map((x) => x.id)).toEqual(unquoted.hits.slice(0, 3).map((x) => x.id));
  });

  it.skipIf(skip).each([
    ["a question the corpus cannot answer", "vegan lunch options downtown"],
    ["a random token", "Wq3Rt7Yp9Lm2Nx8K"],
    ["a random token with digits only in places", "HdkeUqpzLwmRtyXv"],
    // Its parts of three letters or more are "pod", "wvrt" and "lkq": one of them a word is no answer.
    ["a random token one of whose parts is a word", "Xq7podWvrt2Lkq"],
    // Its short parts ("qzv", "kwp") are no words a question would use: they weigh in full, and its
    // "110" (a kubelet's default pod limit, said strongly in one runbook) is no answer to it.
    ["a random token whose only known part is a number", "110QzvKwp"],
    // Common words that the corpus does use, in other senses and never together.
    ["a question sharing only incidental words with the corpus", "renew my car insurance policy"],
    ["an office question", "where is the parking garage entrance"],
    // Most of its weight is in words no entry has ("pension", "beneficiary"), whatever "update" matches.
    ["a question about what the knowledge base does not hold", "update my pension beneficiary details"],
    // "maternity" is a common English word spelled right, not a misspelling of a word the corpus
    // has; beside it the question shares only "leave" and "policy" with the corpus.
    ["a question whose rare word is a common word spelled right", "maternity leave policy"],
    // A .NET error shares "failed", "load", "file" and "version" with the corpus and nothing it is
    // about; its best match carries 0.81 of its telling words' weight (ERROR_ANSWER_STRENGTH).
    ["an error pasted from a stack the corpus does not cover", "Unhandled exception. System.IO.FileNotFoundException: Could not load file or assembly 'Newtonsoft.Json, Version=13.0.0.0'"],
    // Questions in plain words that name a failure as people say it ("out of memory", "no space left
    // on device"): read as pasted lines, their common words (daemon, docker, image) answered them.
    ["a question about another tool's memory failure", "gradle daemon keeps running out of memory while compiling the android project"],
    ["a question about another tool's full disk", "the jenkins agent says no space left on device every time it builds the docker image"],
    // A host tool weighs as any unknown word, not as nothing: beside words about a laptop it answers nothing still.
    ["a host tool's output about something the corpus does not cover", "dmesg shows usb device disconnected on my laptop"],
  ])(`returns nothing for %s${note}`, async (_class, q) => {
    const res = (await search(q, { cookie: h.people.author.cookie })).data!;
    expect({ q, hits: res.hits.map((x) => x.title) }).toEqual({ q, hits: [] });
    expect(res.total).toBe(0);
  });

  run(`one rare word matched strongly answers a longer question whose other words no entry shares${note}`, async () => {
    const created = await publishForAll({
      kind: "runbook",
      title: "Zorblatt queue drains",
      body: "When the zorblatt backlog grows, drain the zorblatt queue by hand and restart the zorblatt workers.",
      tags: ["zorblatt"],
      services: ["zorblatt"],
    });
    // Four words, one of them unknown to every entry: "zorblatt" carries well under half of the
    // query's weight and is the only word the entry matches, but it matches it everywhere.
    const res = (await search("zorblatt latency through the roof", { cookie: h.people.author.cookie })).data!;
    expect(res.hits[0]?.id).toBe(created);
  });

  // A question told as a story carries many words no entry repeats; it is judged by its most telling
  // words, not held to a stronger match than the same question asked in six words.
  it.skipIf(skip).each([
    [
      "a long story about a missing scheduler",
      "since this morning the scheduler seems to have vanished from our prometheus targets and every pod we create just sits there pending for ages",
      "KubeSchedulerDown",
    ],
    [
      "a long story about a filling disk",
      "someone noticed that the root filesystem on one of the worker machines will run out of space by tonight if nothing is cleaned up",
      "NodeFilesystem",
    ],
  ])(`answers %s (its document among the first ten)${note}`, async (_class, q, expected) => {
    const res = (await search(q, { cookie: h.people.author.cookie })).data!;
    const top = res.hits.slice(0, 10).map((x) => x.externalKey ?? "");
    expect(top.some((k) => k.includes(expected)), `${q} -> ${top.join(" | ")}`).toBe(true);
  });

  it.skipIf(skip).each([
    ["a long office question", "my laptop fan gets very loud whenever I join a video call with more than ten people"],
    ["a long question about another stack", "our react frontend shows a blank white page in safari since the webpack upgrade last week"],
    // Its other words (jobs, retry, queue, processed) are all over the corpus; the product is not.
    ["a question about a product the knowledge base never mentions", "sidekiq jobs pile up in the retry queue and never get processed"],
    // Products from the domain's technology names, which the word lists alone take for something else:
    // a name that starts with a word the corpus uses ("cloud"), and one a letter from an English word.
    ["a question naming a product that starts with a word the corpus uses", "cloudsql proxy connections refused after the instance restarted"],
    ["a question naming a product one letter from an English word", "knative revision never becomes ready after the image update"],
    ["a question naming a cloud service by its three-letter short name", "acr pull token expired for the build agents"],
    // Everyday words only, some of which the corpus uses in passing ("many", "days", "get"): no entry
    // shares a word with it beyond the commonest English ones, and none matches it strongly.
    ["a question in everyday words only", "how many days off do I get this year"],
    // A pasted line is matched without the coverage rule of a question, but still needs a strong match.
    ["an error pasted from a stack the corpus does not cover", "Traceback (most recent call last): File \"/app/worker.py\", line 12, in <module> import pandas as pd ModuleNotFoundError: No module named 'pandas'"],
  ])(`returns nothing for %s, however many words it has${note}`, async (_class, q) => {
    const res = (await search(q, { cookie: h.people.author.cookie })).data!;
    expect({ q, hits: res.hits.map((x) => x.title) }).toEqual({ q, hits: [] });
  });

  run(`abbreviations find the words they stand for, and the other way round${note}`, async () => {
    const spelledOut = await publishForAll({
      kind: "runbook",
      title: "Ledger service: rotating the database credentials",
      body: "Every quarter the ledger database credentials are rotated in the production environment. Update the secret, then restart the ledger workers.",
    });
    for (const q of ["ledger db creds", "rotate ledger prod creds"]) {
      const res = (await search(q, { cookie: h.people.author.cookie })).data!;
      expect(res.hits[0]?.id, `${q} -> ${res.hits.map((x) => x.title).join(" | ")}`).toBe(spelledOut);
    }
    // And a search in full words finds an entry written in abbreviations.
    const short = await publishForAll({
      kind: "fix",
      title: "Quuxly pvc stuck after node drain",
      body: "The quuxly pvc stayed bound to the old node; detach it by hand, then the sts comes back.",
    });
    const res = (await search("quuxly statefulset volume claim", { cookie: h.people.author.cookie })).data!;
    expect(res.hits[0]?.id, res.hits.map((x) => x.title).join(" | ")).toBe(short);
  });

  // Each class: an entry it should put first, a decoy that wins without the class's rule, a query.
  it.skipIf(skip).each([
    {
      // An entry quoting log lines shares their keys (level, caller, component, msg, attempt) with any
      // pasted line, and those are rare words; the entry about the failure shares the message's
      // common ones.
      rule: "a pasted logfmt line is matched by what it says, not by the logger's keys",
      answer: {
        kind: "fix",
        title: "Snarfwidget cache lookups time out",
        body: "When the snarfwidget cache is cold, lookups time out. Warm the cache, then retry the lookup.",
      },
      decoy: {
        kind: "runbook",
        title: "Reading the snarfwidget logs",
        body: "Each line looks like `level=info caller=main.go component=snarfwidget attempt=1 msg=started`. Filter by level, caller, component and attempt; msg holds the text.",
      },
      q: 'level=error ts=2025-05-06T07:08:09.123Z caller=main.go:77 component=snarfwidget msg="cache lookup timed out" attempt=3',
    },
    {
      // The line's other fields (file, group, err detail) are rarer words and match a decoy about
      // them; the message says what happened.
      rule: "a structured log line's message outweighs its other fields",
      answer: {
        kind: "runbook",
        title: "Gribbleflow checkpoint upload failed",
        body: "When a gribbleflow checkpoint upload fails, the job restarts from the last good checkpoint. Check the upload credentials.",
      },
      decoy: {
        kind: "runbook",
        title: "Gribbleflow shard layout and quorum labels",
        body: "Each gribbleflow shard carries quorum labels; the shard layout file lists every shard and its quorum label set.",
      },
      q: 'level=error component=gribbleflow file=/etc/gribbleflow/shards.yaml msg="checkpoint upload failed" err="shard layout quorum labels mismatch"',
    },
    {
      rule: "a status named in words finds the entry that gives its number",
      answer: {
        kind: "fix",
        title: "Plonkgate answers 502 after a deploy",
        body: "The plonkgate proxy answers 502 while its upstream pool is empty; drain before deploying.",
      },
      decoy: {
        kind: "runbook",
        title: "Plonkgate proxy: routine checks",
        body: "Check the plonkgate proxy pool size and the plonkgate upstream health page every week.",
      },
      q: "plonkgate bad gateway",
    },
    {
      rule: "a compound written as two words finds the entry that writes it as one",
      answer: {
        kind: "runbook",
        title: "Frobnicator capacity overcommitted",
        body: "The frobnicator pool is overcommitted: requests exceed what the nodes can hold if one fails.",
      },
      decoy: {
        kind: "runbook",
        title: "Frobnicator nodes: committed changes",
        body: "The changes committed to the frobnicator nodes over the last year, with their authors.",
      },
      q: "frobnicator nodes over committed",
    },
    {
      rule: "two words joined find the compound as well (set up, back off)",
      answer: {
        kind: "fix",
        title: "Wibblequeue retries need a backoff",
        body: "The wibblequeue consumer needs a longer backoff between retries, or it hammers the broker.",
      },
      decoy: {
        kind: "fix",
        title: "Wibblequeue consumer: back pressure, off switch",
        body: "The wibblequeue consumer pushes back when the broker is slow; turn it off and back on.",
      },
      q: "wibblequeue consumer back off",
    },
    {
      // Too short for an edit-distance typo (five letters), long enough for a swapped pair.
      rule: "a four-letter name with two neighbouring letters swapped finds the name",
      answer: {
        kind: "fix",
        title: "Zylo agent loses its pod credentials",
        body: "The zylo agent hands pods their credentials; when it restarts, pods lose them until they are recreated.",
      },
      decoy: {
        kind: "runbook",
        title: "Pod credentials: how they are mounted",
        body: "Pods get their credentials from a mounted secret; rotating the secret gives pods new credentials.",
      },
      q: "zyol pod credentials",
    },
    {
      rule: "a typo in a name with digits in it finds the name",
      answer: {
        kind: "postmortem",
        title: "Quux4core exploit attempts against the importer",
        body: "Scanners sent quux4core exploit strings to the importer; the patched library ignored them.",
      },
      decoy: {
        kind: "runbook",
        title: "Scanning images for vulnerable libraries",
        body: "Scan every image for vulnerable libraries before it ships; the scanner report lists each library.",
      },
      q: "quux4cre scanning vulnerable",
    },
    {
      // Sibling runbooks say the same words about other components; the notification names its alert.
      rule: "a pasted alert notification puts the runbook of the alert it names first",
      answer: {
        kind: "runbook",
        title: "ZorbQueueDown",
        body: "Meaning: the alert fires when the queue pods stop answering scrapes. Impact: messages wait. Diagnosis: check that the pods run, read their logs, look at recent deploys. Mitigation: restart the deployment; roll back the last change if the pods crash on start.",
      },
      decoy: {
        kind: "runbook",
        title: "ZorbCacheDown",
        body: "ZorbCache has disappeared from Prometheus target discovery. A critical alert: the cache target disappeared from Prometheus target discovery, so ZorbQueue and the other clients of the cache cannot be served. Check target discovery.",
      },
      q: "[FIRING:1] ZorbQueueDown critical: ZorbQueue has disappeared from Prometheus target discovery",
    },
    {
      rule: "a value quoted in a pasted notification is not a phrase every answer must contain",
      answer: {
        kind: "runbook",
        title: "Blorpstore lookups slow",
        body: "When blorpstore lookups are slow at the 99th percentile, the cache is cold: warm it before the traffic peak.",
      },
      decoy: {
        kind: "fix",
        title: "Blorpstore cluster inventory",
        body: "The blorpstore clusters: bs-prod-2 in Dublin, bs-prod-3 in Frankfurt.",
      },
      q: 'blorpstore cluster "bs-prod-2": 99th percentile of lookups is slow',
    },
  ])(`$rule${note}`, async ({ answer, decoy, q }) => {
    const expected = await publishForAll(answer);
    await publishForAll(decoy);
    const res = (await search(q, { cookie: h.people.author.cookie })).data!;
    expect(res.hits[0]?.id, res.hits.map((x) => x.title).join(" | ")).toBe(expected);
  });

  run(`quoted words no entry has together are searched as words; a phrase that is found is still required${note}`, async () => {
    const expected = await publishForAll({
      kind: "fix",
      title: "Zorblatt sign-in loops after the redirect",
      body: "The zorblatt identity provider refused the callback address: register the portal's redirect address with it.",
    });
    const loose = (await search('zorblatt: 400 "the redirect address is not registered"', { cookie: h.people.author.cookie })).data!;
    expect(loose.hits[0]?.id, loose.hits.map((x) => x.title).join(" | ")).toBe(expected);
    // When some entry has the phrase, only those are answers.
    const strict = (await search('zorblatt "redirect address"', { cookie: h.people.author.cookie })).data!;
    expect(strict.hits.map((x) => x.id)).toEqual([expected]);
    const none = (await search('"sign-in loops after" zorblatt', { cookie: h.people.author.cookie })).data!;
    expect(none.hits.map((x) => x.id)).toEqual([expected]);
  });

  run(`a pasted kernel log line is an error line${note}`, async () => {
    const res = (await search("[ 5021.338120] Memory cgroup out of memory: Killed process 4410 (postgres)", { cookie: h.people.author.cookie })).data!;
    expect(res.mode).toBe("error");
    expect(res.hits.length).toBeGreaterThan(0);
  });

  run(`a pasted syslog line, and a failure beside machine ids, are pasted lines: their dates, hosts and ids are no words${note}`, async () => {
    const expected = await publishForAll({
      kind: "fix",
      title: "Florbd hands over to the standby at every start",
      body: "florbd reads a stale standby flag at start and hands over to the standby; clear the flag file.",
    });
    const syslog = (await search("Nov 21 23:05:44 ip-10-9-8-7 florbd[881]: handing over to the standby", { cookie: h.people.author.cookie })).data!;
    expect(syslog.mode).toBe("error");
    expect(syslog.hits[0]?.id, syslog.hits.map((x) => x.title).join(" | ")).toBe(expected);
    const event = (await search("florbd in pod florbd-7f9c6d8b4-xk2vq_prod(0c9d2f7e-1a2b-4c3d-8e9f-001122334455) failed over to the standby", { cookie: h.people.author.cookie })).data!;
    expect(event.mode).toBe("error");
    expect(event.hits[0]?.id, event.hits.map((x) => x.title).join(" | ")).toBe(expected);
  });

  run(`a swapped pair in a long word is found although it breaks the stemmer${note}`, async () => {
    // "schedluer": the stemmer cannot strip "-er" from a misspelling, which must not count as typos.
    const res = (await search("schedluer down", { cookie: h.people.author.cookie })).data!;
    expect(res.hits.slice(0, 3).map((x) => x.externalKey ?? "").some((k) => k.includes("KubeSchedulerDown")), res.hits.map((x) => x.title).join(" | ")).toBe(true);
  });

  run(`an unanswerable question becomes a knowledge gap${note}`, async () => {
    const q = "vegan lunch options downtown";
    expect((await search(q, { cookie: h.people.author.cookie })).data!.hits).toEqual([]);
    const gaps = await trpc<{ query: string; reason: string }[]>(h.app, "search.gaps", {}, { cookie: h.people.admin.cookie }, "query");
    expect(gaps.data!.find((g) => g.query.toLowerCase() === q)).toMatchObject({ reason: "no_results" });
  });

  run(`answers almost no random 10-20 character alphanumeric strings${note}`, async () => {
    const strings = randomTokens(1000, 10, 20, 0x2545f491);
    const answered: string[] = [];
    for (const q of strings) if ((await search(q, { cookie: h.people.author.cookie })).data!.hits.length) answered.push(q);
    console.log(`[search] random strings answered: ${answered.length}/${strings.length}`);
    // The goal: at most 1 % of random tokens answered.
    expect(answered.length / strings.length, answered.join(", ")).toBeLessThanOrEqual(0.01);
    // A thousand searches through the API: about 20 s on an idle machine, several times that on a busy one.
  }, 300_000);

  run(`answers no random alphanumeric string too long to be a word, nor words that cannot be searched${note}`, async () => {
    // Tokens of 41 to 90 characters: longer than an index term, so none of them is a word of its own.
    const strings = randomTokens(100, 41, 90, 0x1b873593);
    // And tokens whose parts are all too short to be words, stop words only, a single letter.
    strings.push("k".repeat(45), "hQpZkWmXvTrYbNcLdFgJsAeRuIoPlKjHgFdSaQwErTyUiOp", "the", "how to", "x");
    const answered: string[] = [];
    for (const q of strings) if ((await search(q, { cookie: h.people.author.cookie })).data!.hits.length) answered.push(q);
    expect(answered.length / strings.length, answered.join(", ")).toBeLessThanOrEqual(0.01);
    for (const q of ["k".repeat(45), "the", "how to"]) expect((await search(q, { cookie: h.people.author.cookie })).data!.hits, q).toEqual([]);
    // No word at all is no search: the newest entries, as an empty box lists them.
    const any = (await search("*", { cookie: h.people.author.cookie })).data!;
    expect(any.hits.length).toBeGreaterThan(0);
    expect(any.total).toBe((await search("", { cookie: h.people.author.cookie })).data!.total);
  }, 120_000);

  run("switches to error mode for pasted log lines", async () => {
    const res = await search("2026-02-11T08:01:13Z ERROR dial tcp 10.0.7.3:10254: connect: connection refused", { cookie: h.people.author.cookie });
    expect(res.data!.mode).toBe("error");
    const plain = await search("connection refused", { cookie: h.people.author.cookie });
    expect(plain.data!.mode).toBe("text");
  });

  run("never shows restricted or other-team entries to those who may not read them", async () => {
    const word = "quokkaflux";
    const mk = async (title: string, input: Record<string, unknown>) => {
      const r = await trpc<{ id: string }>(
        h.app,
        "entries.create",
        { kind: "fix", title, body: `${word} details for ${title}`, tags: [`${word}-tag`], teamId: h.teams.alpha, status: "published", ...input },
        { cookie: h.people.author.cookie },
      );
      if (!r.data) throw new Error(JSON.stringify(r.error));
    };
    await mk("Org fix", { visibility: "org" });
    await mk("Alpha team fix", { visibility: "team", services: ["alpha-svc"] });
    await mk("Restricted fix", { visibility: "restricted", services: ["secret-svc"] });
    await mk("Alpha draft", { visibility: "org", status: "draft" });
    const expected: Record<string, string[]> = {
      author: ["Org fix", "Alpha team fix", "Restricted fix", "Alpha draft"],
      teammate: ["Org fix", "Alpha team fix", "Alpha draft"],
      other: ["Org fix"],
      admin: ["Org fix", "Alpha team fix", "Restricted fix", "Alpha draft"],
    };
    for (const [role, visible] of Object.entries(expected)) {
      const auth = { cookie: h.people[role as keyof Harness["people"]].cookie };
      const res = (await search(word, auth)).data!;
      expect({ role, titles: res.hits.map((x) => x.title).sort() }).toEqual({ role, titles: [...visible].sort() });
      expect({ role, total: res.total }).toEqual({ role, total: visible.length });
      expect({ role, kinds: res.facets.kind }).toEqual({ role, kinds: { fix: visible.length } });
      const blob = JSON.stringify(res);
      for (const hidden of Object.values(expected.admin!).filter((t) => !visible.includes(t))) {
        expect(blob, `${role} must not see ${hidden}`).not.toContain(hidden);
      }
      if (!visible.includes("Restricted fix")) expect(blob).not.toContain("secret-svc");
      if (!visible.includes("Alpha team fix")) expect(blob).not.toContain("alpha-svc");
    }
    // A token acts with its owner's rights on the REST path too.
    const viaToken = await rest(h.app, "GET", `/api/v1/search?q=${word}`, undefined, h.teammateToken);
    expect(viaToken.body.hits.map((x: Hit) => x.title).sort()).toEqual([...expected.teammate!].sort());
  });

  run("answers the REST search with hits, total and facets, filtered by kind and team", async () => {
    const res = await rest(h.app, "GET", "/api/v1/search?q=alertmanager%20reload&kind=runbook&limit=5", undefined, ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body.hits.length).toBeGreaterThan(0);
    expect(res.body.hits.length).toBeLessThanOrEqual(5);
    expect(res.body.weakMatch).toBe(false);
    const weak = await rest(h.app, "GET", `/api/v1/search?q=${encodeURIComponent("reduce the size of our docker images with multi stage builds")}`, undefined, ADMIN_TOKEN);
    expect({ hits: weak.body.hits.length > 0, weakMatch: weak.body.weakMatch }).toEqual({ hits: true, weakMatch: true });
    for (const hit of res.body.hits) {
      expect(hit).toEqual(expect.objectContaining({ id: expect.any(String), kind: "runbook", title: expect.any(String), snippet: expect.any(String) }));
      expect(hit).toHaveProperty("sourceUrl");
      expect(hit).toHaveProperty("externalKey");
    }
    // The kind facet is counted without the kind filter, so other kinds can still be ticked; the other
    // facets are counted within the filter.
    const unfiltered = await rest(h.app, "GET", "/api/v1/search?q=&limit=5", undefined, ADMIN_TOKEN);
    const runbooks = await rest(h.app, "GET", "/api/v1/search?q=&kind=runbook&limit=5", undefined, ADMIN_TOKEN);
    expect(Object.keys(unfiltered.body.facets.kind).length).toBeGreaterThan(1);
    expect(runbooks.body.facets.kind).toEqual(unfiltered.body.facets.kind);
    expect(runbooks.body.facets.kind.runbook).toBe(runbooks.body.total);
    expect(runbooks.body.total).toBeLessThan(unfiltered.body.total);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(runbooks.body.facets.year)).toBe(runbooks.body.total);
    expect(typeof res.body.total).toBe("number");
    const unknownTeam = await rest(h.app, "GET", "/api/v1/search?q=x&team=nope", undefined, ADMIN_TOKEN);
    expect(unknownTeam.status).toBe(400);
    const badCursor = await rest(h.app, "GET", "/api/v1/search?q=alert&cursor=zzz", undefined, ADMIN_TOKEN);
    expect(badCursor.status).toBe(400);
  });

  run("lists zero-result, weak-match and never-opened searches as knowledge gaps, with secrets redacted", async () => {
    const cookie = h.people.teammate.cookie;
    await search("xylophone zebrafish", { cookie });
    await search("xylophone zebrafish", { cookie });
    const opened = await search("etcd no leader", { cookie });
    await trpc(h.app, "search.opened", { queryId: opened.data!.queryId, entryId: opened.data!.hits[0]!.id }, { cookie });
    await search("token ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 rejected", { cookie });
    await search("xylophone mailbox of maria.garcia@example.org and j.o'neil+oncall@mail.example.co.uk", { cookie });
    // Hits that only share some words with the question (partitioning a table, next to etcd's database
    // size runbooks): shown, flagged weak, and a gap even when one of them was opened.
    const weakQ = "how do we partition one huge table across several database servers";
    const weak = await search(weakQ, { cookie });
    expect(weak.data!.hits.length).toBeGreaterThan(0);
    expect(weak.data!.weakMatch).toBe(true);
    expect(opened.data!.weakMatch).toBe(false);
    await search(weakQ, { cookie });
    await trpc(h.app, "search.opened", { queryId: weak.data!.queryId, entryId: weak.data!.hits[0]!.id }, { cookie });
    const gaps = await trpc<{ query: string; searches: number; reason: string }[]>(h.app, "search.gaps", {}, { cookie }, "query");
    const byQuery = new Map(gaps.data!.map((g) => [g.query, g]));
    expect(byQuery.get("xylophone zebrafish")).toMatchObject({ searches: 2, reason: "no_results" });
    expect(byQuery.get(weakQ)).toMatchObject({ searches: 2, reason: "weak_match" });
    expect(byQuery.has("etcd no leader")).toBe(false);
    expect(JSON.stringify(gaps.data)).not.toContain("a1B2c3D4e5F6");
    // Email addresses are personal data: the gap keeps the question, not whose address it was.
    const mailbox = gaps.data!.find((g) => g.query.includes("xylophone mailbox"));
    expect(mailbox?.query).toBeDefined();
    expect(mailbox!.query).not.toMatch(/maria|garcia|neil|example\.(org|co)/);
  });

  run("keeps what was typed to the end, not every prefix on the way, and a repeated search counts twice", async () => {
    const cookie = h.people.other.cookie;
    for (const q of ["quokk", "quokka wombt", "quokka wombat"]) await search(q, { cookie });
    await search("platypus", { cookie });
    await search("platypus", { cookie });
    const gaps = await trpc<{ query: string; searches: number }[]>(h.app, "search.gaps", {}, { cookie }, "query");
    const mine = gaps.data!.filter((g) => /^(quokk|quokka wombt?|quokka wombat|platypus)$/.test(g.query));
    expect(mine.map((g) => [g.query, g.searches]).sort()).toEqual([
      ["platypus", 2],
      ["quokka wombat", 1],
    ]);
  });

  run("forgets searches older than the retention, keeps the rest", async () => {
    const cookie = h.people.teammate.cookie;
    await search("wombat retention old", { cookie });
    await search("numbat retention fresh", { cookie });
    const { db } = h.db.database;
    // The log is written off the request path: make it write before editing its rows by hand.
    await h.app.searchLog.flush();
    await db.execute(sql`update search_queries set at = now() - interval '200 days' where normalized = 'wombat retention old'`);
    const pruned = await pruneSearchLog(db, 180);
    expect(pruned).toBe(1);
    const gaps = await trpc<{ query: string }[]>(h.app, "search.gaps", { days: 365 }, { cookie }, "query");
    const queries = gaps.data!.map((g) => g.query);
    expect(queries).toContain("numbat retention fresh");
    expect(queries).not.toContain("wombat retention old");
    expect(await pruneSearchLog(db, 180)).toBe(0);
  });

  run("ranks the entry an alert name names first, ahead of sibling runbooks that mention it", async () => {
    const auth = { cookie: h.people.author.cookie };
    for (const [q, title] of [
      ["NodeFilesystemSpaceFillingUp", "Node Filesystem Space Filling Up"],
      ["NodeFilesystemFilesFillingUp", "Node Filesystem Files Filling Up"],
      ["node filesystem almost out of space", "Node Filesystem Almost Out Of Space"],
    ]) {
      const res = await search(q!, auth);
      expect({ q, top: res.data!.hits[0]?.title }).toEqual({ q, top: title });
    }
  });

  run("re-indexes entries indexed by an older analyzer at start", async () => {
    const { db } = h.db.database;
    const auth = { cookie: h.people.author.cookie };
    const before = await search("NodeFilesystemSpaceFillingUp", auth);
    const id = before.data!.hits[0]!.id;
    // As an older version left it: no exact-title term, analyzer 1.
    await db.execute(sql`delete from search_postings where entry_id = ${id} and term like '=%'`);
    await db.execute(sql`update search_docs set analyzer = 1 where entry_id = ${id}`);
    expect((await search("NodeFilesystemSpaceFillingUp", auth)).data!.hits[0]?.id).not.toBe(id);
    const engine = new PostgresSearchEngine(db);
    expect(await backfillEmbeddedIndex(h.db.database, engine)).toBe(1);
    expect((await search("NodeFilesystemSpaceFillingUp", auth)).data!.hits[0]?.id).toBe(id);
    expect(await backfillEmbeddedIndex(h.db.database, engine)).toBe(0);
  });

  run("offers related entries for an entry page, without the entry itself", async () => {
    const res = await search("etcdInsufficientMembers", { cookie: h.people.author.cookie });
    const id = res.data!.hits[0]!.id;
    const related = await trpc<Hit[]>(h.app, "search.related", { id, limit: 5 }, { cookie: h.people.author.cookie }, "query");
    expect(related.data!.length).toBeGreaterThan(0);
    expect(related.data!.map((r) => r.id)).not.toContain(id);
    expect(related.data!.some((r) => /etcd/i.test(r.title))).toBe(true);
  });
});
