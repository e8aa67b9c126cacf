// Display formatting. Dates come over the wire as ISO strings (no transformer), so every helper takes
// either a string or a Date and shows an em dash rather than "Invalid Date".
export type DateLike = string | Date | null | undefined;

function toDate(value: DateLike): Date | undefined {
  if (value == null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDate(value: DateLike): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : "—";
}

export function formatDateTime(value: DateLike): string {
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : "—";
}

/** The machine-readable value for a `<time dateTime>` attribute. */
export function isoString(value: DateLike): string | undefined {
  return toDate(value)?.toISOString();
}

// Incident timelines are written in UTC (responders across time zones quote the same clock), so they
// are shown in UTC, with the zone said, whatever the reader's own zone.
const utcFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "4 Mar 2025, 09:12 UTC" for a moment; an em dash when it is not one. */
export function formatUtc(value: DateLike): string {
  const date = toDate(value);
  return date ? `${utcFormat.format(date)} UTC` : "—";
}
