// Where to send a user after signing in, taken from `?next=`. Only paths on this origin are accepted,
// so a crafted sign-in link cannot bounce a user to another site.
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/")) return "/";
  // `//host` and `/\host` are protocol-relative URLs to another origin; browsers also ignore tabs
  // and newlines inside URLs, so `/\t/host` is one too.
  const compact = raw.replace(/[\t\n\r]/g, "");
  if (compact.startsWith("//") || compact.startsWith("/\\")) return "/";
  return raw;
}
