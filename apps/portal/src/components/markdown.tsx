// Renders untrusted entry markdown (GitHub-flavoured) to React elements, safely.
//
// Entries arrive from anyone in the organisation, from chat and from repositories, so the body is
// treated as hostile. Three layers keep it inert:
// - no `rehype-raw`: raw HTML in the source is never parsed into elements, and rehype-sanitize drops
//   the leftover raw nodes, so `<script>`, `<iframe>`, `<svg onload>` and event attributes cannot appear;
// - rehype-sanitize with its default (GitHub) schema: only GitHub's allow-listed elements, attributes
//   and URL protocols survive, and `id`/`name` values are prefixed with `user-content-` (DOM clobbering);
// - react-markdown's URL transform blanks `javascript:`, `vbscript:` and `data:` URLs before that.
// Only the highlighter (markdown-highlight.ts) runs after rehype-sanitize: it reads the (already
// sanitised) text of code blocks whose language class survived and wraps tokens in
// `<span class="hljs-…">`; it creates no attributes other than those classes and never parses markup,
// so it cannot reintroduce anything the sanitiser removed. Any other plugin goes before
// rehype-sanitize, never after it. Its grammars load on demand: a body with code renders at once,
// and again highlighted when the grammars for its languages have arrived.
// Trade-off: harmless raw HTML (`<details>`, `<kbd>`) is dropped too, and so is a bare `<hostname>`
// placeholder outside backticks. Supporting GitHub's safe subset means adding rehype-raw *before*
// rehype-sanitize; the tests in markdown.test.tsx then need their "no raw tag survives" check relaxed.
// The component is deliberately free of Mantine so it renders (and is tested) without a provider;
// pages wrap it in Mantine's `Typography` for styling. The highlight theme is imported here, so it only
// ships in the lazily loaded chunks that render markdown.
import { createElement, useEffect, useState, type ComponentProps } from "react";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { isLoaded, loadHighlighting, rehypeHighlightLoaded } from "./markdown-highlight";
import "./markdown-highlight.css";
import { remarkGfmParse } from "./remark-gfm-parse";

const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? "user-content-";

function MarkdownLink({ node: _node, href, children, ...rest }: ComponentProps<"a"> & ExtraProps) {
  // Footnotes and in-page links point at ids that the sanitiser prefixed; follow them there.
  if (href?.startsWith("#") && !href.startsWith(`#${CLOBBER_PREFIX}`)) {
    return (
      <a {...rest} href={`#${CLOBBER_PREFIX}${href.slice(1)}`}>
        {children}
      </a>
    );
  }
  // Links leaving the portal open in a new tab without handing it `window.opener` or a referrer.
  if (href && /^https?:\/\//i.test(href)) {
    return (
      <a {...rest} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    );
  }
  return (
    <a {...rest} href={href}>
      {children}
    </a>
  );
}

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"] as const;

/**
 * Components that demote headings by `offset` levels, so a body's "# Impact" sits under the page's own
 * h1/h2 instead of competing with them (one h1 per page, headings in order).
 */
function headingComponents(offset: number): Components {
  const out: Components = {};
  HEADINGS.forEach((tag, i) => {
    const target = HEADINGS[Math.min(HEADINGS.length - 1, i + offset)]!;
    out[tag] = ({ node: _node, ...props }: ComponentProps<"h1"> & ExtraProps) => createElement(target, props);
  });
  return out;
}

/** Long code lines scroll sideways; a keyboard user can only scroll what can take focus. */
function MarkdownPre({ node: _node, ...props }: ComponentProps<"pre"> & ExtraProps) {
  return <pre {...props} tabIndex={0} />;
}

/**
 * GFM task-list boxes ("- [x] …") are read-only checkboxes with no label of their own; naming them by
 * their state lets a screen reader say "done" or "to do" before the item's text.
 */
function MarkdownInput({ node: _node, ...props }: ComponentProps<"input"> & ExtraProps) {
  if (props.type !== "checkbox") return <input {...props} />;
  return <input {...props} aria-label={props.checked ? "Done" : "To do"} />;
}

const baseComponents: Components = { a: MarkdownLink, pre: MarkdownPre, input: MarkdownInput };
const componentsByOffset = new Map<number, Components>();

function componentsFor(offset: number): Components {
  const clamped = Math.max(0, Math.min(5, Math.trunc(offset)));
  if (clamped === 0) return baseComponents;
  let found = componentsByOffset.get(clamped);
  if (!found) {
    found = { ...headingComponents(clamped), ...baseComponents };
    componentsByOffset.set(clamped, found);
  }
  return found;
}

// Fenced code is highlighted only when its author named a language (no guessing): guessing is slow on
// long logs and often wrong on them.

export interface MarkdownProps {
  /** Markdown source, untrusted. */
  children: string;
  className?: string;
  /** Demote every heading by this many levels (0–5); headings never go below h6. */
  headingOffset?: number;
}

export function Markdown({ children, className, headingOffset = 0 }: MarkdownProps) {
  // Filled while this render's body is processed: the grammars it needs that are not loaded yet.
  const missing = new Set<string>();
  const [, setGrammarsLoaded] = useState(0);
  useEffect(() => {
    const wanted = [...missing].filter((grammar) => !isLoaded(grammar));
    if (wanted.length === 0) return;
    let live = true;
    loadHighlighting(wanted).then(
      () => live && setGrammarsLoaded((n) => n + 1),
      // Unhighlighted code is still the whole content; the next render tries again.
      () => undefined,
    );
    return () => {
      live = false;
    };
  });
  return (
    <div className={className}>
      <ReactMarkdown
        remarkPlugins={[remarkGfmParse]}
        // Footnote ids are left unprefixed here because the sanitiser adds the prefix; prefixing in
        // both places would break every footnote link.
        remarkRehypeOptions={{ clobberPrefix: "" }}
        rehypePlugins={[
          [rehypeSanitize, defaultSchema],
          [rehypeHighlightLoaded, { missing }],
        ]}
        components={componentsFor(headingOffset)}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
