// The blameless-language check for postmortems: finds wording that puts a person, rather than the
// system around them, at the centre of the story, and offers a neutral rewording. It is advice shown
// to the author, not a gate, so the rules prefer missing a borderline phrase to nagging about a
// neutral one: most rules look at who the subject is ("the pod failed to start" is fine, "she failed
// to check" is not) and nothing inside code blocks, inline code or URLs is ever flagged.
import { maskCode } from "./text-mask.js";

export const BLAMELESS_RULE_IDS = [
  "human-error",
  "hindsight",
  "failed-to",
  "forgot-to",
  "didnt-bother",
  "fault",
  "blame",
  "broke-prod",
  "judgement",
  "rookie-mistake",
  "obviously",
  "minimising",
  "named-cause",
] as const;
export type BlamelessRuleId = (typeof BLAMELESS_RULE_IDS)[number];

export interface BlamelessFinding {
  /** Offsets into the checked text: `text.slice(start, end) === match`. */
  start: number;
  end: number;
  match: string;
  rule: BlamelessRuleId;
  /** Why the wording hurts a blameless review. */
  reason: string;
  /** A neutral way to say the same thing. */
  suggestion: string;
}

export interface BlamelessOptions {
  /** People involved (display names, first names or handles); naming them as the cause is flagged. */
  names?: string[];
}

// ---------------------------------------------------------------------------------------------
// Who is the subject? A deliberately small classifier over the words before a phrase.

type SubjectKind =
  /** he, she, someone, the engineer, a listed name, an @handle */
  | "person"
  /** we: collective ownership is the blameless way to write, so only hindsight rules apply to it */
  | "collective"
  /** they, a capitalised word that may be a name, "the operator" (also a Kubernetes controller) */
  | "maybe-person"
  /** it, the pod, the deployment, Kubernetes */
  | "system"
  /** no subject in the sentence ("Should have checked the logs.") */
  | "none"
  /** anything else: a noun the classifier does not know */
  | "unknown";

interface Subject {
  kind: SubjectKind;
  /** each/every/all/any before the subject: a rule for the future, not a judgement of the past. */
  quantified: boolean;
}

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

const PERSON_PRONOUNS = words("he she you i someone somebody anyone anybody everyone everybody who whoever him u");
const COLLECTIVE = words("we us");
const MAYBE_PERSON_PRONOUNS = words("they them operator operators");
const SYSTEM_PRONOUNS = words("it this that these those which what there");
const PERSON_NOUNS = words(`
  engineer developer dev sre admin administrator sysadmin oncall on-call on-caller oncaller responder
  reviewer approver author committer intern contractor employee person people human colleague teammate
  coworker co-worker manager lead owner staff hire newcomer junior senior guy folk folks dba ops tester
  architect analyst team commander ic member
`);
const SYSTEM_NOUNS = words(`
  pod container node cluster service deployment deploy rollout release job cronjob cron script pipeline build
  system process daemon controller scheduler kubelet server instance host database db replica primary leader
  follower broker queue consumer producer worker task check probe healthcheck health-check alert alerting
  monitoring dashboard test suite ci cd migration change commit pr patch update upgrade config configuration
  manifest chart automation bot tool tooling api app application client request query backup restore failover
  retry loadbalancer balancer proxy ingress gateway dns cache disk volume network connection certificate cert
  lambda function handler code library dependency sdk cli agent sidecar webhook runbook procedure policy rule
  feature flag version image binary vm machine cloud provider analysis review validation linter guard
  guardrail safeguard limit quota autoscaler hpa asg alb elb nlb lb cdn firewall router storage bucket index
  table schema transaction refactor refactoring cleanup traffic load memory cpu reconciler watcher exporter
  collector endpoint route request response mechanism error issue bug problem incident outage failure
  setting default timeout threshold pager page notification message email logic module component resource
  workload daemonset statefulset replicaset namespace secret key token account role permission
`);
/** Capitalised words that are products, places or calendar words, never the person at fault. */
const NOT_NAMES = words(`
  kubernetes kafka flux terraform helm traefik kyverno prometheus grafana alertmanager fluentd fluent jenkins
  argo argocd renovate dependabot github gitlab bitbucket docker nginx envoy istio linkerd consul vault redis
  postgres postgresql mysql mongo mongodb elasticsearch opensearch kibana logstash cassandra rabbitmq zookeeper
  etcd coredns kiam okta adfs azure aws amazon google microsoft cloudflare cloudfront hangfire serilog topshelf
  cake spinnaker ansible puppet chef salt nomad packer pagerduty opsgenie slack teams zulip sentry datadog
  newrelic honeycomb jaeger loki tempo thanos cortex mimir velero karpenter cilium calico weave java python
  go golang rust linux windows ubuntu debian centos chrome firefox safari node nodejs npm pnpm yarn maven
  gradle eks gke aks ec2 s3 rds sqs sns iam cdp zalando dfds hellman log4j log4shell heroku vercel netlify
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december today yesterday tomorrow
  the a an this that these those it its we our they their he she his her i my you your after before when
  while during then but and or so if once since because as at on in of for to from by with without also
  unfortunately however initially later eventually finally meanwhile luckily root contributing impact
  summary timeline action lessons
`);
const DETERMINERS = words("the a an our their his her my your its this that these those one another some no any");
const QUANTIFIERS = words("each every all any");
const SKIPPABLE = words(`
  not never just simply also then again already still completely totally clearly apparently somehow
  repeatedly initially subsequently later probably likely ultimately eventually really actually obviously
  had has have was were is are did does do been being must might may would could should all both only
  themselves himself herself ourselves myself yourself n't
`);
const CONJUNCTIONS = words("and but or yet then so nor");
const AUXILIARIES = words("is are was were be been being has have had do does did will would can could should shall may might must");
/** Verbs that end a subject noun phrase when reading a sentence from the start. */
const COMMON_VERBS = words(`
  deployed pushed merged ran changed deleted removed dropped restarted applied rolled updated upgraded
  modified edited committed approved missed misconfigured typed executed disabled enabled turned killed
  rebooted shipped released started stopped crashed failed forgot saw noticed tried went got made took
  broke caused triggered
`);

interface Token {
  text: string;
  lower: string;
}

function tokenize(s: string): Token[] {
  return (s.match(/@?[\p{L}\p{N}_][\p{L}\p{N}_'’-]*|[,;:()]/gu) ?? []).map((t) => {
    const text = t.replace(/['’]s$/, "").replace(/['’]$/, "");
    return { text, lower: text.toLowerCase() };
  });
}

/** Start of the sentence (or table cell, list item) that holds `index`. */
function sentenceStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === "\n" || c === "|" || c === ";" || c === "!" || c === "?") return i + 1;
    // A full stop ends a sentence only when followed by space ("v1.2" and "e.g." mostly stay inside).
    if (c === "." && /\s/.test(text[i + 1] ?? "")) return i + 1;
  }
  return 0;
}

function singular(w: string): string {
  return w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
}

function classifyWord(tok: Token, names: Set<string>): SubjectKind {
  const w = tok.lower;
  if (w.startsWith("@")) return "person";
  if (names.has(w)) return "person";
  if (PERSON_PRONOUNS.has(w)) return "person";
  if (COLLECTIVE.has(w)) return "collective";
  if (MAYBE_PERSON_PRONOUNS.has(w)) return "maybe-person";
  if (SYSTEM_PRONOUNS.has(w)) return "system";
  if (PERSON_NOUNS.has(w) || PERSON_NOUNS.has(singular(w))) return "person";
  if (SYSTEM_NOUNS.has(w) || SYSTEM_NOUNS.has(singular(w)) || NOT_NAMES.has(w)) return "system";
  if (/^\p{Lu}\p{Ll}+$/u.test(tok.text)) return "maybe-person";
  return "unknown";
}

/** The head of the noun phrase that opens `toks`: the word before the first verb. */
function openingSubject(toks: Token[], names: Set<string>): Token | undefined {
  let head: Token | undefined;
  for (const t of toks) {
    if (t.text === "," || t.text === "(" || t.text === ")") break;
    if (AUXILIARIES.has(t.lower) || COMMON_VERBS.has(t.lower) || CONJUNCTIONS.has(t.lower)) break;
    if (head && /ed$/.test(t.lower) && classifyWord(t, names) !== "person") break;
    if (!DETERMINERS.has(t.lower) && !QUANTIFIERS.has(t.lower)) head = t;
  }
  return head;
}

function subjectBefore(text: string, index: number, names: Set<string>): Subject {
  const from = sentenceStart(text, index);
  const toks = tokenize(text.slice(from, index));
  const quantified = toks.some((t) => QUANTIFIERS.has(t.lower) && t.lower !== "all");
  let i = toks.length - 1;
  while (i >= 0 && SKIPPABLE.has(toks[i]!.lower)) i--;
  // "the developer who wrote the migration neglected to…": the subject is the noun before "who".
  const who = toks.findLastIndex((t) => t.lower === "who");
  const owner = who > 0 ? toks[who - 1] : undefined;
  const sameClause = who >= 0 && !toks.slice(who, i + 1).some((t) => t.text === ",");
  if (owner && who < i && sameClause && classifyWord(owner, names) === "person") return { kind: "person", quantified };
  let head = toks[i];
  // "Root cause: …", "tls: failed to verify": the label before the colon is the nearest thing to a subject.
  if (head?.text === ":") head = toks[i - 1];
  if (head && (head.lower === "who" || head.lower === "whom")) return { kind: "person", quantified };
  // "the pod that failed to start": the relative pronoun stands for the noun before it.
  if (head && (head.lower === "which" || head.lower === "that") && i > 0) {
    head = toks[i - 1]?.text === "," ? toks[i - 2] : toks[i - 1];
  }
  // Elided or interrupted subject ("the pod restarted and failed", "the pod, which was new, failed"):
  // fall back to the subject that opens the sentence.
  if (!head || head.text === "," || head.text === "(" || CONJUNCTIONS.has(head.lower)) {
    head = openingSubject(toks, names);
    if (!head) return { kind: "none", quantified };
  }
  return { kind: classifyWord(head, names), quantified };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary for the verbs that follow a trigger.

/** What people do and systems do not: with an unsure subject ("they", "Sam"), only these count. */
const HUMAN_VERBS = words(`
  check verify notice follow review test communicate escalate acknowledge ack inform tell ask consider
  realise realize anticipate catch see document mention double-check confirm understand coordinate announce
  plan prepare pay look investigate remember
`);
const IRREGULAR_PARTICIPLES = words(`
  known seen done caught read run thought taken gone made put set told been kept left sent spent built brought
  understood held found given written spoken foreseen shown drawn chosen forgotten gotten begun meant felt
  heard paid said
`);
/** Words shaped like participles that usually are adjectives or nouns after "should have". */
const NOT_PARTICIPLES = words(`
  open often seven even eleven token kitten screen green between children oxygen golden wooden linen red bed
  shed speed feed need seed weed embed hundred dedicated shared limited detailed automated isolated
  separate unlimited advanced
`);
const HINDSIGHT_VERBS = words(`
  known noticed caught checked realised realized seen verified tested double-checked reviewed read asked
  looked thought spotted anticipated foreseen predicted understood validated confirmed
`);

function isParticiple(w: string): boolean {
  const v = w.toLowerCase();
  if (NOT_PARTICIPLES.has(v)) return false;
  return IRREGULAR_PARTICIPLES.has(v) || /(?:ed|en|wn)$/.test(v);
}

const CHECK_NOUNS: Record<string, string> = {
  checked: "check",
  "double-checked": "double-check",
  verified: "verification",
  tested: "test",
  reviewed: "review",
  validated: "validation",
  confirmed: "confirmation",
  asked: "question",
  read: "reading",
};
const KNOW_VERBS = words("known realised realized understood anticipated foreseen predicted thought");
const NOTICE_VERBS = words("noticed seen caught spotted looked");

function hindsightSuggestion(verb: string): string {
  const v = verb.toLowerCase();
  const noun = CHECK_NOUNS[v];
  if (noun) return `Say what the process asked for: "the ${noun} was not part of the process" (and what would have prompted it).`;
  if (KNOW_VERBS.has(v)) return "Say what was known at the time and why the rest was not visible: \"the information was not available to the responders then\".";
  if (NOTICE_VERBS.has(v)) return "Describe the signal and why it did not stand out: \"the alert was one of many and had no runbook link\".";
  return "Describe what happened and what made the other choice hard to see at the time.";
}

// ---------------------------------------------------------------------------------------------
// The rules.

interface Context {
  text: string;
  masked: string;
  names: Set<string>;
  nameList: string[];
}

type RuleFn = (ctx: Context) => BlamelessFinding[];

function finding(
  ctx: Context,
  start: number,
  end: number,
  rule: BlamelessRuleId,
  reason: string,
  suggestion: string,
): BlamelessFinding {
  return { start, end, match: ctx.text.slice(start, end), rule, reason, suggestion };
}

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");
  for (let m = g.exec(s); m; m = g.exec(s)) {
    if (m[0] === "") g.lastIndex++;
    yield m;
  }
}

/** A clause that denies blame ("no one is to blame", "it was not his fault"). */
function negatedBefore(masked: string, index: number): boolean {
  const clause = masked.slice(sentenceStart(masked, index), index).toLowerCase();
  return /\b(?:no one|no-one|nobody|noone|not|never|n't|without)\b[^,]*$|n['’]t\b[^,]*$/.test(clause);
}

const fixedPhrase =
  (rule: BlamelessRuleId, re: RegExp, reason: string, suggestion: string, skip?: (m: RegExpExecArray, ctx: Context) => boolean): RuleFn =>
  (ctx) => {
    const out: BlamelessFinding[] = [];
    for (const m of matches(re, ctx.masked)) {
      if (skip?.(m, ctx)) continue;
      out.push(finding(ctx, m.index, m.index + m[0].length, rule, reason, suggestion));
    }
    return out;
  };

const humanError = fixedPhrase(
  "human-error",
  /\b(?:human|operator|user|pilot|personnel)[\s-]+errors?\b|\bpebk?ac\b|\bpebcak\b|\blayer[\s-]?8\s+(?:issue|problem|error)\b|\bfat[\s-]?finger(?:ed|ing|s)?\b/i,
  "\"Human error\" ends the inquiry at a person; a review is useful when it explains why the mistake was easy to make.",
  "Describe the conditions that made the mistake easy to make (missing guardrail, unclear tooling, time pressure, a surprising default).",
);

const hindsight: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  const re = /\bshould(?:\s+not|n['’]?t)?\s+have\s+(?:been\s+)?([\p{L}-]+)|\bshould(?:n['’]t)?['’]ve\s+(?:been\s+)?([\p{L}-]+)|\bshoulda\s+([\p{L}-]+)/iu;
  for (const m of matches(re, ctx.masked)) {
    const been = /\bbeen\s+[\p{L}-]+$/iu.test(m[0]);
    const verb = m[1] ?? m[2] ?? m[3] ?? "";
    if (!been && !isParticiple(verb)) continue; // "alerts should have a runbook link": an expectation
    if (verb.toLowerCase() === "obvious") continue; // the obviously rule says it better
    const subject = subjectBefore(ctx.masked, m.index, ctx.names);
    if (subject.quantified) continue; // "each team should have documented runbooks": a rule going forward
    const v = verb.toLowerCase();
    const flagged =
      subject.kind === "person" ||
      subject.kind === "collective" ||
      (subject.kind === "maybe-person" && (HINDSIGHT_VERBS.has(v) || been)) ||
      ((subject.kind === "none" || subject.kind === "unknown") && !been && HINDSIGHT_VERBS.has(v));
    if (!flagged) continue;
    out.push(
      finding(
        ctx,
        m.index,
        m.index + m[0].length,
        "hindsight",
        "\"Should have\" judges a past decision with knowledge only available afterwards (hindsight bias), which teaches people to hide their reasoning.",
        hindsightSuggestion(verb),
      ),
    );
  }
  return out;
};

const failedTo: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  for (const m of matches(/\b(?:failed|neglected)\s+to\s+([\p{L}-]+)/iu, ctx.masked)) {
    const verb = (m[1] ?? "").toLowerCase();
    const subject = subjectBefore(ctx.masked, m.index, ctx.names);
    const flagged =
      subject.kind === "person" || ((subject.kind === "maybe-person" || subject.kind === "none") && HUMAN_VERBS.has(verb));
    if (!flagged) continue;
    out.push(
      finding(
        ctx,
        m.index,
        m.index + m[0].length,
        "failed-to",
        "\"X failed to\" makes a person's omission the cause; the useful question is why the step was easy to miss.",
        `Describe the step and the gap around it: "the ${verb} was not prompted by the tooling" or "nothing in the process required it".`,
      ),
    );
  }
  return out;
};

const forgotTo: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  for (const m of matches(/\b(?:forgot|forgotten|forgets)\s+(?:to|about)\b/i, ctx.masked)) {
    const subject = subjectBefore(ctx.masked, m.index, ctx.names);
    if (subject.kind === "system" || subject.kind === "collective") continue;
    out.push(
      finding(
        ctx,
        m.index,
        m.index + m[0].length,
        "forgot-to",
        "Memory is not a control: \"forgot to\" puts the failure in a person when the system relied on someone remembering.",
        "Name the missing reminder or automation: \"the step was manual and nothing prompted it\".",
      ),
    );
  }
  return out;
};

const didntBother: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  for (const m of matches(/\b(?:didn['’]?t|did\s+not|couldn['’]?t\s+be|never)\s+bother(?:ed)?\b/i, ctx.masked)) {
    if (subjectBefore(ctx.masked, m.index, ctx.names).kind === "system") continue;
    out.push(
      finding(
        ctx,
        m.index,
        m.index + m[0].length,
        "didnt-bother",
        "\"Didn't bother\" attributes motive (not caring) instead of describing a decision and its context.",
        "Describe the decision and its trade-off: \"the step was skipped because it took 20 minutes and was rarely needed\".",
      ),
    );
  }
  return out;
};

const fault: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  const reason = "Assigning fault turns the review into a search for a culprit; people then stop sharing what really happened.";
  const suggestion = "Describe the contributing factors: what made the action possible and what would have caught it.";
  // "Sam's fault", "my fault", "the engineers' fault"
  for (const m of matches(/(?:\b([\p{L}@][\p{L}\p{N}_-]{0,40})['’]s?|\b(my|his|her|their|your|our))\s+fault\b/iu, ctx.masked)) {
    const owner = m[1];
    if (owner) {
      const lower = owner.toLowerCase();
      if (lower === "it" || lower === "one" || lower === "nobody" || lower === "noone" || lower === "anyone") continue;
      if (classifyWord({ text: owner, lower }, ctx.names) === "system") continue;
    }
    if (negatedBefore(ctx.masked, m.index)) continue;
    out.push(finding(ctx, m.index, m.index + m[0].length, "fault", reason, suggestion));
  }
  // "the fault of the on-call engineer", "fault lies with Sam"
  for (const m of matches(/\bfault\s+(?:of|lies\s+with|lay\s+with)\s+((?:[\p{L}@][\p{L}\p{N}_-]*\s*){1,3})/iu, ctx.masked)) {
    const toks = tokenize(m[1] ?? "").filter((t) => !DETERMINERS.has(t.lower));
    const kinds = toks.map((t) => classifyWord(t, ctx.names));
    if (!kinds.some((k) => k === "person" || k === "maybe-person" || k === "collective")) continue;
    if (negatedBefore(ctx.masked, m.index)) continue;
    const end = m.index + m[0].trimEnd().length;
    out.push(finding(ctx, m.index, end, "fault", reason, suggestion));
  }
  // "who was at fault"
  for (const m of matches(/\bat\s+fault\b/i, ctx.masked)) {
    const subject = subjectBefore(ctx.masked, m.index, ctx.names);
    if (subject.kind === "system" || negatedBefore(ctx.masked, m.index)) continue;
    out.push(finding(ctx, m.index, m.index + m[0].length, "fault", reason, suggestion));
  }
  return out;
};

const blame = fixedPhrase(
  "blame",
  /\b(?:blam(?:e|ed|es|ing)|to\s+blame)\b(?![\s-]*(?:free|less|lessness|culture|game|aware)\b)/i,
  "Blame is what a blameless review sets aside: it makes people defensive and hides the system causes.",
  "Describe the contributing factors instead of who is responsible for them.",
  (m, ctx) =>
    /\bgit\s+$/i.test(ctx.masked.slice(Math.max(0, m.index - 8), m.index)) ||
    /\b(?:culture|game)\s+of\s+$/i.test(ctx.masked.slice(Math.max(0, m.index - 16), m.index)) ||
    negatedBefore(ctx.masked, m.index),
);

const brokeProd: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  const re = /\b(?:broke|breaks|broken|took\s+down|brought\s+down)\s+(?:prod|production|the\s+build|the\s+site|staging|main|master|everything|the\s+pipeline|ci|the\s+release|the\s+deploy)\b/i;
  for (const m of matches(re, ctx.masked)) {
    const subject = subjectBefore(ctx.masked, m.index, ctx.names);
    if (subject.kind !== "person" && subject.kind !== "maybe-person") continue;
    out.push(
      finding(
        ctx,
        m.index,
        m.index + m[0].length,
        "broke-prod",
        "\"X broke prod\" makes a person the cause of an outage that the system allowed to happen.",
        "Name the change, not the person: \"a change to the ingress config reached production and caused 503s\".",
      ),
    );
  }
  return out;
};

const JUDGEMENT_REASON = "Judging people's character or competence makes the review about them, not about the system they worked in.";
const judgement = fixedPhrase(
  "judgement",
  /\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|ce|tly)|sloppy|sloppily|sloppiness|lazy|laziness|stupid(?:ity)?|idiot(?:ic|s)?|moron(?:ic|s)?|reckless(?:ly|ness)?|irresponsibl[ey])\b(?![\s-]+(?:quorum|load(?:ing|ed|s)?|eval(?:uation)?|init(?:iali[sz]ation)?|iterator|import|imports|val|property|properties|static|consensus))/i,
  JUDGEMENT_REASON,
  "Describe the action and its context without judging the person: what was done, what they knew, what the tools showed.",
);

const rookieMistake = fixedPhrase(
  "rookie-mistake",
  /\b(?:rookie|amateur(?:ish)?|newbie|noob|dumb|stupid|beginner['’]?s?)\s+(?:mistake|error|move|blunder)s?\b(?!\s+(?:handling|handler|message|code|rate|budget|page))/i,
  "Calling it a beginner's mistake shames whoever made it, and implies experience alone prevents it.",
  "Describe why the mistake was easy to make and what guardrail would stop anyone making it.",
);

const obviously = fixedPhrase(
  "obviously",
  /\bobviously\b|\b(?:should\s+have\s+been|should['’]ve\s+been|was|were|is|seemed|seems|looks|looked)\s+(?:so\s+|pretty\s+|really\s+|quite\s+)?obvious\b/i,
  "\"Obvious\" is hindsight: it was not obvious to the people in the incident, and saying so dismisses their view.",
  "Drop the word, or describe what made the signal visible only afterwards.",
);

const minimising: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  const re = /\b(?:just|simply|only)\s+(?:needed|had|has|needs|have)\s+to\b|\ball\s+(?:he|she|they|you|someone|we)\s+(?:had|needed|has|have)\s+to\s+do\b/i;
  for (const m of matches(re, ctx.masked)) {
    // "We just had to wait for the TTL" is narrative; the rule is about what others "just" had to do.
    const kind = /^all\b/i.test(m[0]) ? "person" : subjectBefore(ctx.masked, m.index, ctx.names).kind;
    if (kind !== "person" && kind !== "maybe-person" && kind !== "none") continue;
    out.push(
      finding(
        ctx,
        m.index,
        m.index + m[0].length,
        "minimising",
        "\"Just needed to\" makes the right action sound trivial in hindsight and implies the people involved were slow to see it.",
        "State the action and what made it hard to see or do at the time.",
      ),
    );
  }
  return out;
};

const CAUSE_LEAD = String.raw`(?:(?:caused|triggered|introduced|started|broken)\s+by|because(?:\s+of)?|due\s+to|thanks\s+to|blame\s+(?:it\s+)?on)`;
const ACTION_VERBS = String.raw`(?:deployed|pushed|merged|ran|changed|deleted|removed|dropped|restarted|applied|rolled|updated|upgraded|modified|edited|committed|approved|forgot|missed|misconfigured|typed|executed|disabled|enabled|turned|killed|rebooted|shipped|released|skipped|ignored|overrode|force-pushed|reverted|deploying|pushing|merging|running|changing|deleting|removing|dropping|restarting|applying|updating|upgrading|editing|committing|approving|disabling|enabling|killing|shipping|releasing|skipping|ignoring)`;
const BLAME_NOUNS = String.raw`(?:mistake|error|fault|typo|change|commit|push|deploy|deployment|pr|merge|script|command)s?`;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const namedCause: RuleFn = (ctx) => {
  const out: BlamelessFinding[] = [];
  const reason = "Naming a person as the cause makes the review about them; the action and its context are what others can learn from.";
  const suggestion = "Describe the action, not the actor: \"a deploy at 14:02 changed the pool size\", and what made that change risky.";
  const push = (start: number, end: number) => out.push(finding(ctx, start, end, "named-cause", reason, suggestion));

  // Names the author told us about, matched as whole words, first names too.
  const nameAlternatives = [...new Set(ctx.nameList.flatMap((n) => [n.trim(), ...n.trim().split(/\s+/)]))]
    .filter((n) => n.replace(/^@/, "").length >= 2)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe);
  if (nameAlternatives.length > 0) {
    const name = `@?(?:${nameAlternatives.join("|")})`;
    const causal = new RegExp(String.raw`\b${CAUSE_LEAD}\s+(?:the\s+)?${name}(?![\p{L}\p{N}_])(?:['’]s\s+${BLAME_NOUNS}\b|\s+${ACTION_VERBS}\b)?`, "giu");
    for (const m of matches(causal, ctx.masked)) push(m.index, m.index + m[0].length);
    const possessive = new RegExp(String.raw`(?<![\p{L}\p{N}_@])${name}['’]s\s+(?:mistake|error|typo|blunder|screw-?up|fault)s?\b`, "giu");
    for (const m of matches(possessive, ctx.masked)) push(m.index, m.index + m[0].length);
  }

  // Without a list: an @handle, or a capitalised word followed by what people do, in a causal position.
  const guess = new RegExp(
    String.raw`\b${CAUSE_LEAD}\s+(@[\w.-]+|\p{Lu}\p{Ll}+)(?:(['’]s\s+${BLAME_NOUNS}\b)|(\s+${ACTION_VERBS}\b)|(\s+who\b)|(?=\s*(?:[.!;,]|$)))`,
    "gmu",
  );
  for (const m of matches(guess, ctx.masked)) {
    const who = m[1] ?? "";
    if (!who.startsWith("@") && classifyWord({ text: who, lower: who.toLowerCase() }, ctx.names) !== "maybe-person") {
      if (!ctx.names.has(who.toLowerCase())) continue;
    }
    push(m.index, m.index + m[0].length);
  }
  return out;
};

const RULES: RuleFn[] = [
  humanError,
  hindsight,
  failedTo,
  forgotTo,
  didntBother,
  fault,
  blame,
  brokeProd,
  judgement,
  rookieMistake,
  obviously,
  minimising,
  namedCause,
];

/**
 * Flags blame language in a postmortem (markdown). Findings are sorted and never overlap; where two
 * rules cover the same words the earlier, longer match wins.
 */
export function checkBlameless(text: string, options: BlamelessOptions = {}): BlamelessFinding[] {
  const nameList = (options.names ?? []).map((n) => n.trim()).filter((n) => n.length > 0);
  const names = new Set(
    nameList.flatMap((n) => [n, ...n.split(/\s+/)]).map((n) => n.replace(/^@/, "").toLowerCase()).filter((n) => n.length >= 2),
  );
  for (const n of [...names]) names.add("@" + n);
  const ctx: Context = { text, masked: maskCode(text), names, nameList };
  const all = RULES.flatMap((rule) => rule(ctx)).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: BlamelessFinding[] = [];
  let lastEnd = -1;
  for (const f of all) {
    if (f.start < lastEnd) continue;
    out.push(f);
    lastEnd = f.end;
  }
  return out;
}
