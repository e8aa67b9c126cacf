import { describe, expect, it } from "vitest";
import { digestBoundary, nextDigestPeriod, ZCreateSubscriptionInput } from "./subscription.js";

describe("digest periods", () => {
  it.each([
    ["daily", "2026-03-11T15:30:00Z", "2026-03-11T00:00:00.000Z"],
    ["daily", "2026-03-11T00:00:00Z", "2026-03-11T00:00:00.000Z"],
    // 2026-03-11 is a Wednesday; weeks start on Monday (UTC).
    ["weekly", "2026-03-11T15:30:00Z", "2026-03-09T00:00:00.000Z"],
    ["weekly", "2026-03-09T00:00:00Z", "2026-03-09T00:00:00.000Z"],
    ["weekly", "2026-03-15T23:59:59Z", "2026-03-09T00:00:00.000Z"],
  ] as const)("%s boundary of %s is %s", (frequency, at, boundary) => {
    expect(digestBoundary(frequency, new Date(at)).toISOString()).toBe(boundary);
  });

  it("covers the last full period when nothing was sent, else continues where the last digest ended", () => {
    const now = new Date("2026-03-11T06:00:00Z");
    expect(nextDigestPeriod("daily", now, null)).toEqual({ start: new Date("2026-03-10T00:00:00Z"), end: new Date("2026-03-11T00:00:00Z") });
    const last = new Date("2026-03-08T00:00:00Z");
    expect(nextDigestPeriod("daily", now, last)).toEqual({ start: last, end: new Date("2026-03-11T00:00:00Z") });
    const done = nextDigestPeriod("daily", now, new Date("2026-03-11T00:00:00Z"));
    expect(done.start >= done.end).toBe(true);
  });
});

describe("subscription input", () => {
  it.each([
    [{ target: "team", value: "" }, "value"],
    [{ target: "tag", value: "x", filters: { tags: ["y"] } }, "filters"],
    [{ target: "search", value: "" }, "value"],
    [{ target: "tag", value: "kafka", channel: "chat" }, "chatWebhookUrl"],
    [{ target: "tag", value: "kafka", chatWebhookUrl: "https://hooks.slack.com/x" }, "chatWebhookUrl"],
    [{ target: "tag", value: "kafka", frequency: "hourly" }, "frequency"],
    [{ target: "project", value: "x" }, "target"],
  ])("refuses %j naming %s", (input, field) => {
    const r = ZCreateSubscriptionInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it("defaults to a weekly e-mail digest", () => {
    expect(ZCreateSubscriptionInput.parse({ target: "service", value: "Checkout" })).toMatchObject({ value: "Checkout", frequency: "weekly", channel: "email", filters: {} });
  });
});
