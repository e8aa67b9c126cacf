// The table the admin pages share (my API tokens, chat links and subscriptions, a team's members): a labelled,
// horizontally scrollable table, one column per field, and an optional destructive action per row
// in a last column whose header only screen readers hear.
import { Button, Table } from "@mantine/core";
import type { ReactNode } from "react";

export interface AdminColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

export interface AdminRowAction<T> {
  /** The button's text, e.g. "Revoke". */
  text: string;
  /** What the button says to assistive technology, naming the row (e.g. "Revoke CI token"). */
  label: (row: T) => string;
  onClick: (row: T) => void;
  /** Rows without the action keep an empty cell; all rows have it when omitted. */
  when?: (row: T) => boolean;
  /** The row whose action is under way shows a spinner on its button. */
  loading?: (row: T) => boolean;
}

export interface AdminTableProps<T> {
  labelledBy: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly AdminColumn<T>[];
  action?: AdminRowAction<T>;
  /** Tints the row under the pointer (default on). */
  highlightOnHover?: boolean;
}

export function AdminTable<T>({ labelledBy, minWidth, rows, rowKey, columns, action, highlightOnHover = true }: AdminTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-labelledby={labelledBy} verticalSpacing="xs" highlightOnHover={highlightOnHover}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.header} scope="col">
                {column.header}
              </Table.Th>
            ))}
            {action && (
              <Table.Th scope="col">
                <span className="sr-only">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column) => (
                <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
              ))}
              {action && (
                <Table.Td ta="right">
                  {(action.when?.(row) ?? true) && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={action.label(row)}
                      loading={action.loading?.(row)}
                      onClick={() => action.onClick(row)}
                    >
                      {action.text}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
