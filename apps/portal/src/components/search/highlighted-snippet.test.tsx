// The snippet is the one place search output becomes DOM: markup other than <mark> must come out as text.
import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HighlightedSnippet } from "./highlighted-snippet";

const render = (snippet: string) =>
  renderToStaticMarkup(
    <MantineProvider>
      <HighlightedSnippet snippet={snippet} />
    </MantineProvider>,
  );

describe("HighlightedSnippet", () => {
  it("renders highlights as <mark> elements", () => {
    const html = render("the <mark>disk</mark> filled");
    expect(html).toContain("<mark>disk</mark>");
  });

  it("never lets markup from an entry through", () => {
    const html = render('<img src=x onerror="alert(1)"><script>alert(2)</script> &lt;iframe&gt; <mark>ok</mark>');
    expect(html).not.toMatch(/<img|<script|<iframe/i);
    expect(html).toContain("&lt;img");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("<mark>ok</mark>");
  });

  it("renders nothing for an empty snippet", () => {
    expect(render("")).not.toContain("<p");
  });
});
