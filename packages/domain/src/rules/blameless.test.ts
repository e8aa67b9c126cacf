import { describe, expect, it } from "vitest";
import { BLAMELESS_RULE_IDS, checkBlameless, type BlamelessRuleId } from "./blameless.js";

// Sentences marked [corpus] are quoted from the DFDS postmortems in ../shared/corpus (MIT), so the
// rules are checked against how incident reviews are really written, not only against our own prose.

describe("checkBlameless flags blame language", () => {
  it.each<[string, BlamelessRuleId, string]>([
    // [corpus] PM2022-002
    ["Human error in not knowing that Hellman logs are stored in a different AWS account than the cluster is running in.", "human-error", "Human error"],
    ["Root cause: operator error during the failover.", "human-error", "operator error"],
    ["Someone fat-fingered the replica count.", "human-error", "fat-fingered"],
    ["The engineer should have checked the config before merging.", "hindsight", "should have checked"],
    ["We should have known that the certificate expired on Sunday.", "hindsight", "should have known"],
    ["He should've caught this in review.", "hindsight", "should've caught"],
    ["Should have checked the logs first.", "hindsight", "Should have checked"],
    ["She should have been more careful with the flags.", "hindsight", "should have been more"],
    ["She failed to check the dashboard before paging.", "failed-to", "failed to check"],
    ["The on-call engineer failed to escalate for 40 minutes.", "failed-to", "failed to escalate"],
    ["Priya failed to notice the warning in the deploy output.", "failed-to", "failed to notice"],
    ["They failed to communicate the maintenance window.", "failed-to", "failed to communicate"],
    ["The developer who wrote the migration neglected to add an index.", "failed-to", "neglected to add"],
    ["Tom forgot to renew the certificate.", "forgot-to", "forgot to"],
    ["The reviewer didn't bother to run the tests.", "didnt-bother", "didn't bother"],
    ["Honestly it was Sam's fault.", "fault", "Sam's fault"],
    ["This was the fault of the on-call engineer.", "fault", "fault of the on-call engineer"],
    ["We still need to find out who was at fault.", "fault", "at fault"],
    ["The platform team blamed the database team for the outage.", "blame", "blamed"],
    ["Dave broke prod again on Friday.", "broke-prod", "broke prod"],
    ["Someone broke the build and left for the weekend.", "broke-prod", "broke the build"],
    ["A careless change to the firewall rules.", "judgement", "careless"],
    ["The rollout plan was negligent.", "judgement", "negligent"],
    ["Sloppy work in the Terraform module.", "judgement", "Sloppy"],
    ["Calling this incompetent is fair.", "judgement", "incompetent"],
    ["Classic rookie mistake with the retry loop.", "rookie-mistake", "rookie mistake"],
    ["Obviously the connection pool was too small.", "obviously", "Obviously"],
    ["In hindsight the missing TTL should have been obvious.", "obviously", "should have been obvious"],
    ["He just needed to bump the limit.", "minimising", "just needed to"],
    ["All they had to do was read the runbook.", "minimising", "All they had to do"],
    ["The outage was caused by Bob.", "named-cause", "caused by Bob"],
    ["Checkout broke because Alice deployed on Friday.", "named-cause", "because Alice deployed"],
    ["Latency rose due to @marta pushing the config.", "named-cause", "due to @marta pushing"],
  ])("%s -> %s", (text, rule, match) => {
    const findings = checkBlameless(text);
    expect(findings.map((f) => [f.rule, f.match])).toContainEqual([rule, match]);
    const f = findings.find((x) => x.rule === rule)!;
    expect(text.slice(f.start, f.end)).toBe(f.match);
    expect(f.reason.length).toBeGreaterThan(20);
    expect(f.suggestion.length).toBeGreaterThan(20);
  });
});

describe("checkBlameless leaves neutral wording alone", () => {
  it.each([
    // [corpus] PM2020-009: collective ownership ("we") is how a blameless review is meant to read
    "Unfortunately we failed to verify that KIAM was actually running in the sandbox environment.",
    // [corpus] PM2020-003: an analysis is not a person
    "The initial analysis for migrating ADSync from .NET classic to .NET core failed to predict a number of issues with third party components.",
    // [corpus] PM2021-005
    "This, in turn, meant that all inbound traffic failed to reach the cluster.",
    // [corpus] PM2023-002: "faulty" is not "fault"
    "Engineer proceeds with the option to roll back the faulty version to the previous release",
    // [corpus] PM2019-009: passive, about an issue rather than a person
    "This let to an issue which should have been addressed before it created any impact become a pressing concern.",
    // [corpus] PM2020-003 action item: "should have a talk" is a plan
    "We should have a talk with Rune/Platform about what responsibilities our ingress controllers should have in general.",
    // [corpus] PM2019-011 action item
    "Each repository should have clear rules, guidelines and enforced policies in regards to contribution of changes to master branch.",
    // [corpus] PM2024-002: a named person, but not as a cause
    'Jan Wiberg also mentions that he "can\'t access anything".',
    // [corpus] PM2020-003
    "This was not caught by our unit/integration tests (as they run the code in console mode).",
    // [corpus] PM2021-005
    "The changes to the VPC CNI were caused by refactoring and cleanup intended to allow EKS add-ons to be managed by native Terraform.",
    "The pod failed to start after the node was drained.",
    "The deployment failed to roll out because the image tag did not exist.",
    "The pods were restarted but they failed to start.",
    "The engineer who was paged restarted the consumer, which then failed to start.",
    "The system should have retried the request.",
    "Alerts should have a runbook link.",
    "Each team should have documented runbooks.",
    "No one is to blame for this incident.",
    "Run `git blame` on the chart to find the change.",
    "The error was `failed to check lease: human error budget exceeded`.",
    "```\nE0412 operator error: he failed to check the lease\n```",
    "We enabled lazy loading and Riak uses a sloppy quorum.",
    "The outage was caused by Terraform.",
    "We just had to wait for the DNS TTL to expire.",
    "See https://github.com/org/repo/blame/main/values.yaml for the history.",
    "It was nobody's fault; the default changed upstream.",
  ])("%s", (text) => {
    expect(checkBlameless(text)).toEqual([]);
  });
});

describe("checkBlameless", () => {
  it("names from options make a plain mention in a causal position a finding", () => {
    const text = "The cache was flushed because of Kim Lee, and the retry storm followed.";
    expect(checkBlameless(text)).toEqual([]);
    const findings = checkBlameless(text, { names: ["Kim Lee"] });
    expect(findings.map((f) => [f.rule, f.match])).toEqual([["named-cause", "because of Kim Lee"]]);
  });

  it("returns sorted, non-overlapping findings with offsets into the original text", () => {
    const text = [
      "# Summary",
      "```",
      "ERROR human error in worker",
      "```",
      "Obviously, Tom forgot to renew the cert. It was a rookie mistake and the engineer should have known.",
    ].join("\n");
    const findings = checkBlameless(text);
    expect(findings.map((f) => f.rule)).toEqual(["obviously", "forgot-to", "rookie-mistake", "hindsight"]);
    for (const [i, f] of findings.entries()) {
      expect(text.slice(f.start, f.end)).toBe(f.match);
      if (i > 0) expect(f.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
  });

  it("words the suggestion after the verb that was judged", () => {
    const [checked] = checkBlameless("He should have checked the alert.");
    const [known] = checkBlameless("He should have known about the limit.");
    expect(checked?.suggestion).toMatch(/check was not part of the process/);
    expect(known?.suggestion).toMatch(/information was not available/);
  });

  it("uses only declared rule ids", () => {
    const text = "Human error. He failed to check. She forgot to look. Bob broke prod. It was careless and sloppy.";
    for (const f of checkBlameless(text)) expect(BLAMELESS_RULE_IDS).toContain(f.rule);
  });
});

// Pastes are large and sometimes odd (a base64 image, a minified bundle); no pattern may go quadratic.
const HOSTILE = ["x-".repeat(100_000), "a ` b ".repeat(50_000), "data:image/png;base64," + "A".repeat(300_000)];

describe("checkBlameless on hostile input", () => {
  it.each(HOSTILE.map((t) => [t.slice(0, 12), t]))("%s… finishes quickly", (_label, text) => {
    const t = performance.now();
    expect(checkBlameless(text)).toEqual([]);
    expect(performance.now() - t).toBeLessThan(1_500);
  });
});
