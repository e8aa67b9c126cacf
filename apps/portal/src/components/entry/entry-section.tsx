// Building blocks every kind view shares: a titled section (its heading names the region), prose that
// keeps the author's line breaks, and lists of lines (both with inline code, links and redactions).
import { List, Stack, Text, Title, type TitleOrder } from "@mantine/core";
import { useId, type ReactNode } from "react";
import { InlineText } from "./inline-text";

export function EntrySection({
  title,
  order = 2,
  actions,
  children,
}: {
  title: string;
  order?: TitleOrder;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title order={order} size={order === 2 ? "h2" : "h4"} id={id}>
        {title}
      </Title>
      {actions}
      {children}
    </Stack>
  );
}

/** Free text from a structured field: shown as written, line breaks kept, long tokens wrapped. */
export function Prose({ children }: { children: string }) {
  return (
    <Text style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
      <InlineText text={children} />
    </Text>
  );
}

export function LineList({ items, ordered = false }: { items: readonly string[]; ordered?: boolean }) {
  return (
    <List type={ordered ? "ordered" : "unordered"} spacing={4} style={{ overflowWrap: "anywhere" }}>
      {items.map((item, i) => (
        <List.Item key={i}>
          <InlineText text={item} />
        </List.Item>
      ))}
    </List>
  );
}

/** A section for an optional text field: nothing when the author left it empty. */
export function ProseSection({ title, text, order }: { title: string; text: string | undefined; order?: TitleOrder }) {
  if (!text?.trim()) return null;
  return (
    <EntrySection title={title} order={order}>
      <Prose>{text}</Prose>
    </EntrySection>
  );
}

/** A section for an optional list field: nothing when it is empty. */
export function ListSection({
  title,
  items,
  ordered,
  order,
}: {
  title: string;
  items: readonly string[] | undefined;
  ordered?: boolean;
  order?: TitleOrder;
}) {
  if (!items?.length) return null;
  return (
    <EntrySection title={title} order={order}>
      <LineList items={items} ordered={ordered} />
    </EntrySection>
  );
}
