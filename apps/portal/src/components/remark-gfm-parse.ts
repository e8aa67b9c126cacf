// remark-gfm for a renderer: GitHub-flavoured markdown's syntax (tables, task lists, strikethrough,
// autolinks, footnotes) for parsing, without its serialiser. remark-gfm also registers GFM's
// markdown *writers* (mdast-util-gfm's gfmToMarkdown, which pulls in mdast-util-to-markdown and
// markdown-table), which only `remark-stringify` uses; react-markdown never turns a tree back into
// markdown, so they were dead weight on every page that renders a body. Same parse as remark-gfm with
// its default options: the same two extensions, registered the same way.
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/** The processor's data, where remark-parse reads syntax extensions from (typed by unified, not a dependency here). */
interface SyntaxData {
  micromarkExtensions?: unknown[];
  fromMarkdownExtensions?: unknown[];
}

export function remarkGfmParse(this: { data(): object }): void {
  const data = this.data() as SyntaxData;
  (data.micromarkExtensions ??= []).push(gfm());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}
