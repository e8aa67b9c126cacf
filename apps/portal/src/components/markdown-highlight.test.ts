// markdown-highlight.ts: its grammar table is lowlight's `common` set as highlight.js declares it
// (names, aliases, embedded languages), and loading registers exactly what a body needs.
import hljs from "highlight.js/lib/core";
import type { LanguageFn } from "highlight.js";
import { common } from "lowlight";
import { describe, expect, it } from "vitest";
import { GRAMMARS, grammarFor, isLoaded, loadHighlighting, withEmbedded } from "./markdown-highlight";

/** Every `subLanguage` a grammar's modes name, found by walking its definition. */
function embeddedLanguages(language: LanguageFn): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const mode = value as Record<string, unknown>;
    const sub = mode.subLanguage;
    for (const name of Array.isArray(sub) ? sub : typeof sub === "string" ? [sub] : []) found.add(String(name));
    for (const child of Object.values(mode)) walk(child);
  };
  walk(language(hljs));
  return [...found];
}

describe("the grammar table", () => {
  it("holds lowlight's common grammars, no more and no fewer", () => {
    expect(Object.keys(GRAMMARS).sort()).toEqual(Object.keys(common).sort());
  });

  it.each(Object.entries(common))("%s: the aliases and embedded languages highlight.js declares", (name, language) => {
    const grammar = GRAMMARS[name]!;
    expect([...grammar.aliases].sort()).toEqual([...(language(hljs).aliases ?? [])].sort());
    const embedded = embeddedLanguages(language).filter((sub) => sub in common && sub !== name);
    expect([...(grammar.embeds ?? [])].sort()).toEqual(embedded.sort());
  });

  it("finds a grammar by name or alias, in any case, and nothing for other languages", () => {
    expect(grammarFor("sh")).toBe("bash");
    expect(grammarFor("YAML")).toBe("yaml");
    expect(grammarFor("html")).toBe("xml");
    expect(grammarFor("no-such-language")).toBeUndefined();
    expect(grammarFor("toString")).toBeUndefined();
  });

  it("adds embedded grammars transitively", () => {
    expect(withEmbedded(["markdown"]).sort()).toEqual(["css", "graphql", "javascript", "markdown", "xml"]);
    expect(withEmbedded(["no-such"])).toEqual([]);
  });
});

describe("loadHighlighting", () => {
  it("registers the grammars asked for and those they embed, and nothing else", async () => {
    expect(isLoaded("python-repl")).toBe(false);
    await loadHighlighting(["pycon", "unknown-language"]);
    expect(isLoaded("python-repl")).toBe(true);
    expect(isLoaded("python")).toBe(true);
    expect(isLoaded("rust")).toBe(false);
  });
});
