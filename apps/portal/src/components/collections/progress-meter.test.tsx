// The progress bar is what the E2E run and screen readers read: one progressbar, named, in percent.
import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProgressMeter } from "./progress-meter";

const render = (percent: number) =>
  renderToStaticMarkup(
    <MantineProvider>
      <ProgressMeter label="Your progress" percent={percent} />
    </MantineProvider>,
  );

describe("ProgressMeter", () => {
  it("is exactly one named progressbar with its value in percent", () => {
    const html = render(40);
    expect(html.match(/role="progressbar"/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Your progress"');
    expect(html).toContain('aria-valuenow="40"');
    expect(html).toContain('aria-valuetext="40%"');
  });

  it("keeps the role on the full-width track even at 0%", () => {
    const html = render(0);
    const bar = html.match(/<div[^>]*role="progressbar"[^>]*>/)![0];
    expect(bar).toContain('aria-valuenow="0"');
    expect(bar).toContain("mantine-Progress-root");
  });
});
