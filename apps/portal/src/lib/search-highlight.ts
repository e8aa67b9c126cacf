// Turns the API's snippet markup into pieces the page renders as text and <mark> elements (read by the
// domain's snippetParts, which keeps anything but <mark> as literal text), never handed to innerHTML,
// so even a broken engine cannot inject markup.
import { snippetParts, type SnippetPart } from "@hindsight/domain";

/**
 * Snippets are cut from the markdown source, so fences, heading marks and bold stars show up as
 * noise in a one-line excerpt; drop those few. Everything else (code, paths, #channels) stays.
 */
export function tidyMarkdown(text: string): string {
  return text
    .replace(/```[\w-]*/g, "")
    .replace(/(^|\s)#{1,6}(?=\s)/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/ {2,}/g, " ");
}

/** The snippet as text and <mark> pieces for the page, with the markdown noise tidied away. */
export function parseSnippet(snippet: string): SnippetPart[] {
  return snippetParts(snippet).map((part) => ({ ...part, text: tidyMarkdown(part.text) }));
}
