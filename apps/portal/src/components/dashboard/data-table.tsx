// The data behind a dashboard figure as a table: a caption for screen readers, one header row, and the
// caller's rows; wide ones scroll sideways inside their card rather than stretching the page.
import { Table } from "@mantine/core";
import type { ReactNode } from "react";

export interface DataTableProps {
  caption: string;
  columns: readonly string[];
  /** Scroll sideways below this width (px). */
  minWidth?: number;
  /** The rows (<Table.Tr>). */
  children: ReactNode;
}

export function DataTable({ caption, columns, minWidth, children }: DataTableProps) {
  const table = (
    <Table striped>
      <caption className="sr-only">{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, i) => (
            <Table.Th scope="col" key={i}>
              {column}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table;
}
