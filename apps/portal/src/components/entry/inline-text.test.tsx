import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InlineText } from "./inline-text";

const render = (text: string) =>
  renderToStaticMarkup(
    <MantineProvider>
      <InlineText text={text} />
    </MantineProvider>,
  );

describe("InlineText", () => {
  it("links http(s) URLs in a new tab without opener, and shows code and redactions", () => {
    const html = render("see [runbook](https://wiki.example.com/rb?a=1&b=2), run `kubectl get pods`, token [REDACTED:github-token]");
    expect(html).toMatch(/<a [^>]*href="https:\/\/wiki\.example\.com\/rb\?a=1&amp;b=2"[^>]*>runbook<\/a>/);
    expect(html).toMatch(/<a [^>]*rel="noopener noreferrer nofollow"/);
    expect(html).toMatch(/<code[^>]*>kubectl get pods<\/code>/);
    expect(html).toContain("redacted GitHub token");
  });

  it("leaves everything else as text: no HTML, no script links", () => {
    const html = render('<img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="data:text/html,x">y</a>');
    expect(html).not.toMatch(/<img|<a /);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
