// Syntax highlighting of fenced code in markdown, with highlight.js loaded only for the languages a
// body uses. It replaces rehype-highlight, which bundles lowlight's 37 "common" grammars (about 50 KB
// gzipped) into every page that renders markdown. The same 37 languages and their aliases highlight
// here; each grammar is a chunk of its own, fetched (with lowlight and the grammars it embeds) the
// first time a rendered body has code in that language, after which the body renders again
// highlighted. Code in another language, or with no language, stays plain, as before.
//
// Like rehype-highlight this runs after rehype-sanitize and only reads the text of `pre > code` and
// wraps tokens in `<span class="hljs-…">`; it never parses markup (see markdown.tsx).
import type { Element, ElementContent, Root } from "hast";
import type { LanguageFn } from "highlight.js";
import { toText } from "hast-util-to-text";
import type { createLowlight } from "lowlight";
import { visit } from "unist-util-visit";

type Lowlight = ReturnType<typeof createLowlight>;
type GrammarModule = Promise<{ default: LanguageFn }>;

interface Grammar {
  aliases: readonly string[];
  /** Grammars this one embeds (highlight.js `subLanguage`), loaded with it. */
  embeds?: readonly string[];
  load: () => GrammarModule;
}

/**
 * lowlight's `common` set (lowlight/lib/common.js) with each grammar's own aliases and embedded
 * languages, as highlight.js 11 declares them; markdown-highlight.test.ts checks this against the
 * grammars themselves.
 */
export const GRAMMARS: Readonly<Record<string, Grammar>> = {
  arduino: { aliases: ["ino"], load: () => import("highlight.js/lib/languages/arduino") },
  bash: { aliases: ["sh", "zsh"], load: () => import("highlight.js/lib/languages/bash") },
  c: { aliases: ["h"], load: () => import("highlight.js/lib/languages/c") },
  cpp: { aliases: ["cc", "c++", "h++", "hpp", "hh", "hxx", "cxx"], load: () => import("highlight.js/lib/languages/cpp") },
  csharp: { aliases: ["cs", "c#"], load: () => import("highlight.js/lib/languages/csharp") },
  css: { aliases: [], load: () => import("highlight.js/lib/languages/css") },
  diff: { aliases: ["patch"], load: () => import("highlight.js/lib/languages/diff") },
  go: { aliases: ["golang"], load: () => import("highlight.js/lib/languages/go") },
  graphql: { aliases: ["gql"], load: () => import("highlight.js/lib/languages/graphql") },
  ini: { aliases: ["toml"], load: () => import("highlight.js/lib/languages/ini") },
  java: { aliases: ["jsp"], load: () => import("highlight.js/lib/languages/java") },
  javascript: {
    aliases: ["js", "jsx", "mjs", "cjs"],
    embeds: ["xml", "css", "graphql"],
    load: () => import("highlight.js/lib/languages/javascript"),
  },
  json: { aliases: ["jsonc", "json5"], load: () => import("highlight.js/lib/languages/json") },
  kotlin: { aliases: ["kt", "kts"], load: () => import("highlight.js/lib/languages/kotlin") },
  less: { aliases: [], load: () => import("highlight.js/lib/languages/less") },
  lua: { aliases: ["pluto"], load: () => import("highlight.js/lib/languages/lua") },
  makefile: { aliases: ["mk", "mak", "make"], load: () => import("highlight.js/lib/languages/makefile") },
  markdown: { aliases: ["md", "mkdown", "mkd"], embeds: ["xml"], load: () => import("highlight.js/lib/languages/markdown") },
  objectivec: {
    aliases: ["mm", "objc", "obj-c", "obj-c++", "objective-c++"],
    load: () => import("highlight.js/lib/languages/objectivec"),
  },
  perl: { aliases: ["pl", "pm"], load: () => import("highlight.js/lib/languages/perl") },
  php: { aliases: [], load: () => import("highlight.js/lib/languages/php") },
  "php-template": { aliases: [], embeds: ["xml", "php"], load: () => import("highlight.js/lib/languages/php-template") },
  plaintext: { aliases: ["text", "txt"], load: () => import("highlight.js/lib/languages/plaintext") },
  python: { aliases: ["py", "gyp", "ipython"], load: () => import("highlight.js/lib/languages/python") },
  "python-repl": { aliases: ["pycon"], embeds: ["python"], load: () => import("highlight.js/lib/languages/python-repl") },
  r: { aliases: [], load: () => import("highlight.js/lib/languages/r") },
  ruby: { aliases: ["rb", "gemspec", "podspec", "thor", "irb"], load: () => import("highlight.js/lib/languages/ruby") },
  rust: { aliases: ["rs"], load: () => import("highlight.js/lib/languages/rust") },
  scss: { aliases: [], load: () => import("highlight.js/lib/languages/scss") },
  shell: { aliases: ["console", "shellsession"], embeds: ["bash"], load: () => import("highlight.js/lib/languages/shell") },
  sql: { aliases: [], load: () => import("highlight.js/lib/languages/sql") },
  swift: { aliases: [], load: () => import("highlight.js/lib/languages/swift") },
  typescript: {
    aliases: ["ts", "tsx", "mts", "cts"],
    embeds: ["xml", "css", "graphql"],
    load: () => import("highlight.js/lib/languages/typescript"),
  },
  vbnet: { aliases: ["vb"], load: () => import("highlight.js/lib/languages/vbnet") },
  wasm: { aliases: [], load: () => import("highlight.js/lib/languages/wasm") },
  xml: {
    aliases: ["html", "xhtml", "rss", "atom", "xjb", "xsd", "xsl", "plist", "wsf", "svg"],
    embeds: ["css", "javascript"],
    load: () => import("highlight.js/lib/languages/xml"),
  },
  yaml: { aliases: ["yml"], embeds: ["ruby"], load: () => import("highlight.js/lib/languages/yaml") },
};

const BY_NAME = new Map<string, string>();
for (const [name, grammar] of Object.entries(GRAMMARS)) {
  BY_NAME.set(name, name);
  for (const alias of grammar.aliases) BY_NAME.set(alias, name);
}

/** The grammar a fenced block's language names (highlight.js matches names case-insensitively), if any. */
export function grammarFor(language: string): string | undefined {
  return BY_NAME.get(language.toLowerCase());
}

/** `names` and every grammar they embed, transitively. */
export function withEmbedded(names: Iterable<string>): string[] {
  const out = new Set<string>();
  const add = (name: string) => {
    if (out.has(name) || !GRAMMARS[name]) return;
    out.add(name);
    for (const embedded of GRAMMARS[name].embeds ?? []) add(embedded);
  };
  for (const name of names) add(name);
  return [...out];
}

let lowlight: Lowlight | undefined;
const registered = new Set<string>();
const loading = new Map<string, Promise<void>>();

/** Whether `grammar` and the grammars it embeds are registered, so code in it highlights on this render. */
export function isLoaded(grammar: string): boolean {
  return withEmbedded([grammar]).every((name) => registered.has(name));
}

/**
 * Loads lowlight and the grammars for `languages` (names or aliases; unknown ones are ignored) with
 * the grammars they embed. Resolves once they highlight; concurrent calls share downloads.
 */
export function loadHighlighting(languages: Iterable<string>): Promise<void> {
  const names = withEmbedded([...languages].flatMap((l) => grammarFor(l) ?? []));
  return Promise.all(
    names.map((name) => {
      let pending = loading.get(name);
      if (!pending) {
        pending = Promise.all([import("./markdown-lowlight"), GRAMMARS[name]!.load()]).then(([{ createLowlight }, grammar]) => {
          lowlight ??= createLowlight();
          lowlight.register(name, grammar.default);
          registered.add(name);
        });
        // A failed download (offline, a new deployment) may be tried again by the next render.
        pending.catch(() => loading.delete(name));
        loading.set(name, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** The language a `code` element names through its class (`language-x` or `lang-x`), or false for `no-highlight`. */
function languageOf(node: Element): string | false | undefined {
  const classes = node.properties.className;
  if (!Array.isArray(classes)) return undefined;
  let name: string | undefined;
  for (const value of classes.map(String)) {
    if (value === "no-highlight" || value === "nohighlight") return false;
    if (!name && value.startsWith("lang-")) name = value.slice(5);
    if (!name && value.startsWith("language-")) name = value.slice(9);
  }
  return name;
}

export interface HighlightOptions {
  /** Filled with the grammars this body needs that are not loaded yet; the caller loads them. */
  missing: Set<string>;
}

/**
 * The rehype plugin: marks fenced code that names a language with `hljs` (as rehype-highlight did),
 * and tokenises it when its grammar is loaded; otherwise it records the grammar in `missing`.
 */
export function rehypeHighlightLoaded({ missing }: HighlightOptions) {
  return (tree: Root) => {
    visit(tree, "element", (node, _index, parent) => {
      if (node.tagName !== "code" || parent?.type !== "element" || parent.tagName !== "pre") return;
      const language = languageOf(node);
      if (!language) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      if (!classes.includes("hljs")) node.properties.className = ["hljs", ...classes];
      const grammar = grammarFor(language);
      if (!grammar) return;
      if (!lowlight || !isLoaded(grammar)) {
        missing.add(grammar);
        return;
      }
      const result = lowlight.highlight(language.toLowerCase(), toText(node, { whitespace: "pre" }), { prefix: "hljs-" });
      if (result.children.length > 0) node.children = result.children as ElementContent[];
    });
  };
}
