// Freshness as people say it: "updated 3 months ago", "updated yesterday". Pure, with `now` passed in
// so tests do not depend on the clock.
import type { DateLike } from "./format";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function timeAgo(value: DateLike, now: Date = new Date()): string | undefined {
  if (value == null || value === "") return undefined;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  // Clock skew between server and browser must not say "in 2 minutes".
  const past = Math.min(seconds, 0);
  for (const [unit, size] of UNITS) {
    if (Math.abs(past) >= size) return relative.format(Math.round(past / size), unit);
  }
  return "just now";
}
