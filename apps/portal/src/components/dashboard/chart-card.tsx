// The frame of every dashboard panel: an h2, a one-line reading of the figure, the chart as a single
// labelled image, and the same data as a table for screen readers and anyone who prefers numbers.
import { Card, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { PageLoader } from "../page-loader";
import { QueryError } from "../query-error";

export interface ChartCardProps {
  id: string;
  title: string;
  description: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | false;
  /** What the chart shows, in words: the accessible name of the chart image. */
  chartLabel?: string;
  chart?: ReactNode;
  /** The data behind the chart; inside a <details> when a chart is shown, on its own otherwise. */
  table?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}

export function ChartCard(p: ChartCardProps) {
  const headingId = `${p.id}-heading`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {p.title}
          </Title>
          <Text size="sm" c="dimmed">
            {p.description}
          </Text>
        </div>
        {p.query.isPending ? (
          <PageLoader label={`Loading ${p.title.toLowerCase()}`} />
        ) : p.query.isError ? (
          <QueryError error={p.query.error} title={`Could not load ${p.title.toLowerCase()}`} onRetry={() => void p.query.refetch()} />
        ) : p.empty ? (
          <Text size="sm" c="dimmed">
            {p.empty}
          </Text>
        ) : (
          <>
            {p.extra}
            {p.chart && (
              // One image with a spoken summary: the SVG's bars and ticks mean nothing read one by one.
              <div role="img" aria-label={p.chartLabel ?? p.title}>
                {p.chart}
              </div>
            )}
            {p.children}
            {p.table &&
              (p.chart ? (
                <details className="chart-data">
                  <summary>
                    <Text span size="sm">
                      Show the data as a table
                    </Text>
                  </summary>
                  {p.table}
                </details>
              ) : (
                p.table
              ))}
          </>
        )}
      </Stack>
    </Card>
  );
}
