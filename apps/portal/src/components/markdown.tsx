// Renders untrusted entry markdown (GitHub-flavoured) to React elements, safely.
//
// Entries arrive from anyone in the organisation, from chat and from repositories, so the body is
// treated as hostile. Three layers keep it inert:
// - no `rehype-raw`: raw HTML in the source is never parsed into elements, and rehype-sanitize drops
//   the leftover raw nodes, so `<script>`, `<iframe>`, `<svg onload>` and event attributes cannot appear;
// - rehype-sanitize with its default (GitHub) schema: only GitHub's allow-listed elements, attributes
//   and URL protocols survive, and `id`/`name` values are prefixed with `user-content-` (DOM clobbering);
// - react-markdown's URL transform blanks `javascript:`, `vbscript:` and `data:` URLs before that.
// Keep rehype-sanitize last in the plugin list: anything added after it runs on unsanitised output.
// Trade-off: harmless raw HTML (`<details>`, `<kbd>`) is dropped too, and so is a bare `<hostname>`
// placeholder outside backticks. Supporting GitHub's safe subset means adding rehype-raw *before*
// rehype-sanitize; the tests in markdown.test.tsx then need their "no raw tag survives" check relaxed.
// The component is deliberately free of Mantine so it renders (and is tested) without a provider;
// pages wrap it in Mantine's `Typography` for styling.
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";

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

const components: Components = { a: MarkdownLink };

export interface MarkdownProps {
  /** Markdown source, untrusted. */
  children: string;
  className?: string;
}

export function Markdown({ children, className }: MarkdownProps) {
  return (
    <div className={className}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        // Footnote ids are left unprefixed here because the sanitiser adds the prefix; prefixing in
        // both places would break every footnote link.
        remarkRehypeOptions={{ clobberPrefix: "" }}
        rehypePlugins={[[rehypeSanitize, defaultSchema]]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
