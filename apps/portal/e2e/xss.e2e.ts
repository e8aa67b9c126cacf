// Scenario 4: markdown with XSS payloads renders inert on the entry page. The entry is published
// through the REST API (as a bot would), then read in the browser: no dialog fires, no payload runs,
// nothing executable reaches the DOM, and the innocent text around each payload still shows.
import { describe, expect, it } from "vitest";
import { publishEntry } from "./support/api.js";
import { screenshot } from "./support/screenshots.js";
import { signUp } from "./support/session.js";
import { useE2E } from "./support/suite.js";

/** Each payload sits between two plain markers; the markers must render, the payload must not act. */
const PAYLOADS: [name: string, markdown: string][] = [
  ["script tag", "<script>alert(1)</script>"],
  ["script setting a flag", "<script>window.__xss = 1</script>"],
  ["javascript: link", "[click me](javascript:alert(1))"],
  ["javascript: link setting a flag", "[flag me](javascript:window.__xss=1)"],
  ["javascript: autolink", "<javascript:alert(1)>"],
  ["javascript: reference link", "[ref link][evil]\n\n[evil]: javascript:window.__xss=1"],
  ["javascript: image", "![pic](javascript:alert(1))"],
  ["img onerror", "<img src=x onerror=alert(1)>"],
  ["img onerror setting a flag", '<img src="x" onerror="window.__xss = 1">'],
  ["svg onload", "<svg onload=alert(1)>"],
  ["svg onload setting a flag", "<svg/onload=window.__xss=1>"],
  ["script inside svg", "<svg><script>alert(1)</script></svg>"],
  ["iframe javascript:", '<iframe src="javascript:alert(1)"></iframe>'],
  ["iframe srcdoc", '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>'],
  ["data: html link", '<a href="data:text/html,<script>alert(1)</script>">data link</a>'],
  ["data: markdown link", "[data md](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["mathml xlink", '<math><mi xlink:href="javascript:alert(1)">math</mi></math>'],
  ["details ontoggle", "<details open ontoggle=alert(1)><summary>s</summary>d</details>"],
  ["body onload", "<body onload=window.__xss=1>"],
  ["object data", '<object data="javascript:window.__xss=1"></object>'],
  ["embed", '<embed src="javascript:window.__xss=1">'],
  ["form action", '<form action="javascript:window.__xss=1"><button>go</button></form>'],
  ["style expression", '<div style="background:url(javascript:window.__xss=1)">styled</div>'],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">'],
  ["entity-encoded javascript:", "[enc](&#106;avascript:window.__xss=1)"],
  ["mixed-case javascript:", "[case](JaVaScRiPt:window.__xss=1)"],
  ["tab in javascript:", "[tab](java\tscript:window.__xss=1)"],
  ["html in a table cell", "| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=1> | ok |"],
  ["html in a footnote", "Note[^x]\n\n[^x]: <script>window.__xss = 1</script>"],
];

const marker = (i: number, side: "before" | "after") => `Marker ${side} payload ${i + 1} stays visible`;

function xssBody(): string {
  return [
    "# Incident notes",
    "",
    "Plain opening paragraph that must render.",
    "",
    ...PAYLOADS.flatMap(([, payload], i) => [marker(i, "before"), "", payload, "", marker(i, "after"), ""]),
    "```html",
    "<script>alert('code blocks show this as text')</script>",
    "```",
    "",
    "Closing paragraph that must render too.",
  ].join("\n");
}

describe("scenario 4: XSS payloads in markdown render inert", () => {
  const e2e = useE2E();

  it("renders the entry with no dialog, no script run and nothing executable in the DOM", async () => {
    const entry = await publishEntry(e2e.baseUrl, e2e.adminToken, {
      kind: "fix",
      title: "Sanitiser check: hostile markdown renders inert",
      summary: "Every payload in this body must render as nothing or as text.",
      body: xssBody(),
    });
    const { page } = e2e;
    await signUp(page, { handle: "xss-reader", name: "Xss Reader" });
    await page.goto(`/entries/${entry.slug}`);
    await page.getByRole("heading", { level: 1, name: entry.title }).waitFor();
    await page.getByText("Closing paragraph that must render too.").waitFor();
    // Give onerror/onload handlers (image loads fail fast) and timers a moment to fire if they were live.
    await page.waitForTimeout(1_500);

    expect(e2e.dialogs, "no alert/confirm/prompt may open").toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

    const main = page.getByRole("main");
    const dom = await main.evaluate((root) => {
      const all = [...root.querySelectorAll("*")];
      const eventAttributes = all.flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.localName} ${a.name}="${a.value}">`),
      );
      const scriptyUrls = all.flatMap((el) =>
        ["href", "src", "xlink:href", "action", "formaction", "data", "srcdoc"]
          .map((name) => [name, el.getAttribute(name)] as const)
          // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so the check does too.
          .filter(([, value]) => value !== null && /^(javascript|vbscript|data):/i.test([...value].filter((ch) => ch.charCodeAt(0) > 0x20).join("")))
          .map(([name, value]) => `<${el.localName} ${name}="${value}">`),
      );
      const dangerous = all
        .filter((el) => ["script", "iframe", "object", "embed", "form", "meta", "base", "frame", "frameset"].includes(el.localName))
        .map((el) => el.outerHTML.slice(0, 120));
      const inlineStyles = all.filter((el) => /javascript:/i.test(el.getAttribute("style") ?? "")).map((el) => el.outerHTML.slice(0, 120));
      return { eventAttributes, scriptyUrls, dangerous, inlineStyles, text: root.textContent ?? "" };
    });
    expect(dom.dangerous, "no script/iframe/object/embed/form/meta elements").toEqual([]);
    expect(dom.eventAttributes, "no on* attributes").toEqual([]);
    expect(dom.scriptyUrls, "no javascript:/vbscript:/data: URLs").toEqual([]);
    expect(dom.inlineStyles, "no javascript: in inline styles").toEqual([]);

    // The innocent text around every payload renders, so sanitising did not swallow the document.
    const missing = PAYLOADS.flatMap((_, i) => [marker(i, "before"), marker(i, "after")]).filter((m) => !dom.text.includes(m));
    expect(missing, "text around the payloads").toEqual([]);
    expect(dom.text).toContain("Plain opening paragraph that must render.");
    // Code blocks show the markup as text.
    expect(dom.text).toContain("<script>alert('code blocks show this as text')</script>");

    // Clicking the neutralised links must not run anything either.
    for (const name of ["click me", "flag me", "data link", "data md", "enc", "case"]) {
      const link = main.getByText(name, { exact: true }).first();
      if (await link.count()) await link.click({ noWaitAfter: true, timeout: 2_000 }).catch(() => undefined);
    }
    await page.waitForTimeout(500);
    expect(e2e.dialogs, "no dialog after clicking the neutralised links").toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await screenshot(page, "entry-xss-payloads");
  });
});
