// The status control is what the e2e run and screen readers find by name: a select named after the
// item for people who may change it, a plain badge for everyone else.
import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActionItemStatusControl, OverdueBadge } from "./status-control";

const render = (canUpdate: boolean) =>
  renderToStaticMarkup(
    <MantineProvider>
      <ActionItemStatusControl title="Throttle rebalances" status="in_progress" canUpdate={canUpdate} onChange={() => undefined} />
    </MantineProvider>,
  );

describe("ActionItemStatusControl", () => {
  it("is a select named after the item for people who may change it", () => {
    const html = render(true);
    expect(html).toContain('aria-label="Status for “Throttle rebalances”"');
    expect(html).toContain('value="In progress"');
  });

  it("is only a badge for everyone else", () => {
    const html = render(false);
    expect(html).not.toContain("<input");
    expect(html).toContain("In progress");
  });

  it("says Overdue in words, not colour alone", () => {
    const html = renderToStaticMarkup(
      <MantineProvider>
        <OverdueBadge />
      </MantineProvider>,
    );
    expect(html).toContain("Overdue");
  });
});
