// Small text helpers for terminal output.
import { entryPath, snippetParts } from "@hindsight/domain";

/** A search snippet (escaped text with <mark> added) as plain text: decoded, one line. */
export function plainSnippet(snippet: string): string {
  return snippetParts(snippet)
    .map((part) => part.text)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** The portal page of an entry. */
export function entryUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}${entryPath(slug)}`;
}
