// The shared admin table: what screen readers and the e2e run find by name (headers, the hidden
// "Actions" header, buttons named after their row), and rows that lack the action keep their cell.
import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdminTable, type AdminRowAction } from "./admin-table";

interface Row {
  id: string;
  name: string;
  active: boolean;
}
const ROWS: Row[] = [
  { id: "a", name: "CI token", active: true },
  { id: "b", name: "Old bot", active: false },
];

const render = (action?: AdminRowAction<Row>) =>
  renderToStaticMarkup(
    <MantineProvider>
      <AdminTable labelledBy="heading" minWidth={480} rows={ROWS} rowKey={(r) => r.id} columns={[{ header: "Name", cell: (r) => r.name }]} action={action} />
    </MantineProvider>,
  );

describe("AdminTable", () => {
  it("labels the table and gives a row action a hidden header and a button named after its row", () => {
    const html = render({ text: "Revoke", label: (r) => `Revoke ${r.name}`, onClick: () => undefined, when: (r) => r.active });
    expect(html).toContain('aria-labelledby="heading"');
    expect(html).toContain('<span class="sr-only">Actions</span>');
    expect(html).toContain('aria-label="Revoke CI token"');
    expect(html).not.toContain('aria-label="Revoke Old bot"');
    // Both rows keep an actions cell, so columns line up.
    expect(html.match(/<td[^>]*>/g)).toHaveLength(4);
  });

  it("has no actions column without an action", () => {
    const html = render();
    expect(html).not.toContain("Actions");
    expect(html).not.toContain("<button");
    expect(html).toContain("Old bot");
    expect(html.match(/<td[^>]*>/g)).toHaveLength(2);
  });
});
