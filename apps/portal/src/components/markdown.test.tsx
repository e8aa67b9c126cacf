// The Markdown component is the one place untrusted entry bodies become DOM. These tests render it to
// static HTML and check both halves of its contract: hostile input comes out inert, and ordinary
// GitHub-flavoured markdown still renders as the author meant.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { Markdown } from "./markdown";
import { loadHighlighting } from "./markdown-highlight";

// Grammars load on demand in the browser (a body renders plain, then highlighted); the tests that
// check highlighted output load theirs first, so a single server render is highlighted.
beforeAll(() => loadHighlighting(["html", "js", "xml", "markdown", "sh"]));

const render = (source: string) => renderToStaticMarkup(<Markdown>{source}</Markdown>);

/**
 * Every attribute name on every element of the output, lower-cased. React always double-quotes
 * values and escapes quotes inside them, so consuming `name="…"` pairs in order is exact.
 */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<[a-z][a-z0-9]*((?:\s+[^\s="/>]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    for (const attr of tag[1]!.matchAll(/\s+([^\s="/>]+)(?:="[^"]*")?/g)) names.push(attr[1]!.toLowerCase());
  }
  return names;
}

/** Every href/src value in the output, entity-decoded the way a browser would. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/gi)].map((m) =>
    m[1]!
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"'),
  );
}

/** What a browser would treat as the URL scheme: it ignores control characters and whitespace in it. */
function scheme(url: string): string | undefined {
  const compact = [...url].filter((char) => char.codePointAt(0)! > 0x20).join("");
  return /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
}

function expectInert(html: string) {
  // (React's server renderer adds `<link rel="preload">` hints for images itself, so `link` is not listed.)
  expect(html).not.toMatch(/<\s*(script|iframe|svg|object|embed|style|frame|frameset|math|form|base|meta)\b/i);
  expect(attributeNames(html).filter((name) => name.startsWith("on"))).toEqual([]);
  expect(attributeNames(html)).not.toContain("style");
  for (const url of urls(html)) expect(["javascript", "vbscript", "data"]).not.toContain(scheme(url));
}

describe("the inertness check itself", () => {
  // Guards against a vacuous check: each of these known-bad outputs must be caught.
  it.each([
    '<div><script>alert(1)</script></div>',
    '<div><img src="x" onerror="alert(1)"/></div>',
    '<div><a href="javascript:alert(1)">x</a></div>',
    '<div><a href="&#x6A;avascript:alert(1)">x</a></div>',
    '<div><a href=" java\tscript:alert(1)">x</a></div>',
    '<div><iframe src="https://evil.example/"></iframe></div>',
    '<div><svg onload="alert(1)"></svg></div>',
    '<div><p style="color:red">x</p></div>',
  ])("rejects %s", (html) => {
    expect(() => expectInert(html)).toThrow();
  });

  it("does not mistake attribute text for an attribute", () => {
    expect(attributeNames('<img src="/a.png" title="t&quot; onerror=&quot;x"/>')).toEqual(["src", "title"]);
  });
});

describe("Markdown: hostile input is inert", () => {
  it.each([
    ["script tag", "<script>alert(1)</script>"],
    ["script tag in a paragraph", "Hello <script>alert(1)</script> world"],
    ["img onerror", '<img src="x" onerror="alert(1)">'],
    ["img onerror, no quotes", "<img src=x onerror=alert(1)//>"],
    ["iframe", '<iframe src="https://evil.example/"></iframe>'],
    ["iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ["svg onload", '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ["svg onload, inline", "Look: <svg/onload=alert(1)> here"],
    ["svg with embedded script", "<svg><script>alert(1)</script></svg>"],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
    ["object/embed", '<object data="evil.swf"></object><embed src="evil.swf">'],
    ["form", '<form action="https://evil.example/"><input name="password"></form>'],
    ["anchor with javascript href", '<a href="javascript:alert(1)">click</a>'],
    ["details with event handler", '<details open ontoggle="alert(1)"><summary>x</summary></details>'],
  ])("drops raw HTML: %s", (_name, source) => {
    const html = render(source);
    expectInert(html);
    // Raw HTML never becomes markup: no tag from the source survives, not even an allowed one.
    expect(html).not.toMatch(/<(img|a|details|summary|circle)\b/);
  });

  it("drops a raw HTML block entirely rather than showing it", () => {
    expect(render("<script>alert(1)</script>")).toBe("<div></div>");
    expect(render('<iframe src="https://evil.example/"></iframe>')).toBe("<div></div>");
  });

  it.each([
    ["markdown link", "[click](javascript:alert(1))"],
    ["upper case scheme", "[click](JAVASCRIPT:alert(1))"],
    ["entity-encoded scheme", "[click](&#106;avascript:alert(1))"],
    ["tab inside the scheme", "[click](java&#9;script:alert(1))"],
    ["autolink", "<javascript:alert(1)>"],
    ["reference link", "[click][x]\n\n[x]: javascript:alert(1)"],
    ["vbscript", "[click](vbscript:msgbox(1))"],
    ["data: URL", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["image source", "![x](javascript:alert(1))"],
  ])("neutralises dangerous URLs: %s", (_name, source) => {
    const html = render(source);
    expectInert(html);
    // The URL may still show as text; it must not be in any attribute.
    expect(html).not.toMatch(/="[^"]*(java|vb)script:/i);
  });

  it("keeps the text of a link whose URL it removed", () => {
    const html = render("[click me](javascript:alert(1))");
    expect(html).toContain("click me");
    expectInert(html);
  });

  it("cannot smuggle attributes through an image title", () => {
    const html = render('![x](/a.png "t\\" onerror=\\"alert(1)")');
    expect(html).toMatch(/<img\b/);
    expectInert(html);
  });

  it("prefixes ids so content cannot clobber globals", () => {
    const html = render("Text[^current]\n\n[^current]: note");
    for (const id of html.matchAll(/\sid="([^"]*)"/g)) expect(id[1]).toMatch(/^user-content-/);
  });
});

describe("Markdown: code highlighting stays inert", () => {
  // The highlighter runs after the sanitiser, so it must only ever add token spans to text it was given.
  it.each([
    ["html with a script", "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```"],
    ["javascript that closes the code block", "```js\nconst s = '</code></pre><script>alert(1)</script>';\n```"],
    ["svg payload", '```xml\n<svg onload="alert(1)"><script>alert(2)</script></svg>\n```'],
    ["markdown inside code", "```markdown\n[x](javascript:alert(1)) ![y](x onerror=alert(1))\n```"],
  ])("highlights %s as text only", (_name, source) => {
    const html = render(source);
    expectInert(html);
    expect(html).toMatch(/<code class="hljs language-/);
    // Every element inside the code block is a token span carrying nothing but an hljs class.
    const code = /<code[^>]*>([\s\S]*)<\/code>/.exec(html)![1]!;
    for (const tag of code.matchAll(/<([a-z]+)([^>]*)>/g)) {
      expect(tag[1]).toBe("span");
      expect(tag[2]).toMatch(/^ class="hljs-[a-z_ .-]+"$/);
    }
  });

  it("cannot inject a class or attribute through the language name", () => {
    const html = render('```js" onmouseover="alert(1)\nx\n```\n\n```sh onload=alert(1)\ny\n```');
    expectInert(html);
  });

  it("leaves code in an unknown language plain instead of failing", () => {
    const html = render("```no-such-language\n<b>x</b>\n```");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("hljs-");
  });

  it("renders code plain until its grammar has loaded, then highlighted", async () => {
    const source = "```rust\nfn main() { let x = 1; }\n```";
    const before = render(source);
    expect(before).toContain('<code class="hljs language-rust">fn main() { let x = 1; }');
    expect(before).not.toContain("hljs-");
    await loadHighlighting(["rs"]);
    const after = render(source);
    expect(after).toContain('<span class="hljs-keyword">fn</span>');
    expectInert(after);
  });

  it("does not guess a language for unlabelled code", () => {
    expect(render("```\nSELECT 1;\n```")).toBe("<div><pre tabindex=\"0\"><code>SELECT 1;\n</code></pre></div>");
  });
});

describe("Markdown: ordinary markdown renders", () => {
  it("renders headings, emphasis and lists", () => {
    const html = render("# Title\n\n## Impact\n\nSome **bold** and _soft_ text.\n\n- one\n- two\n\n1. first\n");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<h2>Impact</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>soft</em>");
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>\s*<\/ol>/);
  });

  it("renders fenced code with its language class, escaping what is inside", () => {
    const html = render("```sh\nkubectl rollout undo deploy/api && echo '<done>'\n```\n\nRun `make <target>` first.");
    expect(html).toContain('<pre tabindex="0"><code class="hljs language-sh">kubectl rollout undo deploy/api &amp;&amp; ');
    expect(html).toContain('<span class="hljs-string">&#x27;&lt;done&gt;&#x27;</span>');
    expect(html).toContain("<code>make &lt;target&gt;</code>");
  });

  it("demotes headings by the offset asked for, never past h6", () => {
    const html = renderToStaticMarkup(<Markdown headingOffset={1}>{"# One\n\n## Two\n\n###### Six"}</Markdown>);
    expect(html).toContain("<h2>One</h2>");
    expect(html).toContain("<h3>Two</h3>");
    expect(html).toContain("<h6>Six</h6>");
    expect(html).not.toMatch(/<h1\b/);
  });

  it("renders GFM tables with alignment", () => {
    const html = render("| Service | Status |\n| :-- | --: |\n| api | degraded |\n");
    expect(html).toMatch(/<table>[\s\S]*<thead>[\s\S]*<th style="text-align:left">Service<\/th>/);
    expect(html).toMatch(/<td style="text-align:left">api<\/td>\s*<td style="text-align:right">degraded<\/td>/);
  });

  it("renders GFM strikethrough, task lists and autolinked URLs", () => {
    const html = render("~~old~~\n\n- [x] rolled back\n- [ ] follow-up\n\nSee https://status.example.com/incidents/42");
    expect(html).toContain("<del>old</del>");
    // Named by state, since a task box has no label of its own (axe rates an unlabelled input critical).
    expect(html).toMatch(/<input type="checkbox" disabled="" aria-label="Done" checked=""\/?> rolled back/);
    expect(html).toMatch(/<input type="checkbox" disabled="" aria-label="To do"\/?> follow-up/);
    expect(html).toContain('href="https://status.example.com/incidents/42"');
  });

  it("renders links: relative ones as they are, external ones in a new tab without opener", () => {
    const html = render("[runbook](/entries/db-failover) and [docs](https://example.com/guide?a=1&b=2) and [mail](mailto:oncall@example.com)");
    expect(html).toContain('<a href="/entries/db-failover">runbook</a>');
    expect(html).toContain(
      '<a href="https://example.com/guide?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">docs</a>',
    );
    expect(html).toContain('<a href="mailto:oncall@example.com">mail</a>');
  });

  it("renders images and blockquotes", () => {
    const html = render('> Blameless: focus on the system.\n\n![graph](/img/p99.png "p99 latency")');
    expect(html).toMatch(/<blockquote>\s*<p>Blameless: focus on the system.<\/p>\s*<\/blockquote>/);
    expect(html).toContain('<img src="/img/p99.png" alt="graph" title="p99 latency"/>');
  });

  it("links footnote references to footnotes that exist", () => {
    const html = render("Root cause[^1].\n\n[^1]: A stale DNS cache.");
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(ids).toContain(target);
    expect(html).toContain("A stale DNS cache.");
  });
});
