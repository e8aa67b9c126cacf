// A ChatOps transcript as a chat: people with initials, times, replies indented under the message
// they answer, and secrets the redactor removed shown as markers. Messages can be picked and promoted
// into a fix or runbook draft.
import type { TranscriptFields, TranscriptMessage } from "@hindsight/domain";
import { Avatar, Badge, Box, Button, Checkbox, Divider, Group, Paper, Stack, Text } from "@mantine/core";
import { Fragment, lazy, Suspense, useMemo, useState } from "react";
import { formatDate, formatDateTime } from "../../lib/format";
import {
  avatarColor,
  initials,
  messageSegments,
  messageTime,
  suggestTitle,
  threadMessages,
  type Thread,
} from "../../lib/entry-view";
import { LazyTooltip } from "../lazy-tooltip";
import { EntrySection } from "./entry-section";
import { InlineText } from "./inline-text";
import { LinkedEntry } from "./linked-entry";
import type { PromoteKind } from "./promote-dialog";

// The promote dialog (Mantine's Modal, its focus trap and scroll lock) loads once a message is ticked,
// before either promote button can be pressed.
const loadPromoteDialog = () => import("./promote-dialog");
const PromoteDialog = lazy(() => loadPromoteDialog().then((m) => ({ default: m.PromoteDialog })));

/** Long channels render in pages: thousands of rows at once would make the page unusable. */
const PAGE = 200;

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

function MessageText({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
      <InlineText text={text} />
    </Text>
  );
}

function Message({
  message,
  selected,
  onToggle,
}: {
  message: TranscriptMessage;
  selected: boolean;
  onToggle: (ts: string) => void;
}) {
  const at = messageTime(message);
  const label = `Select message from ${message.user} at ${at ? formatDateTime(at) : message.ts}`;
  return (
    <Group
      align="flex-start"
      gap="sm"
      wrap="nowrap"
      p="xs"
      style={{
        borderRadius: "var(--mantine-radius-md)",
        backgroundColor: selected ? "var(--mantine-primary-color-light)" : undefined,
      }}
    >
      <Checkbox checked={selected} onChange={() => onToggle(message.ts)} aria-label={label} mt={8} />
      <Avatar color={avatarColor(message.user)} variant="filled" radius="xl" size="md" aria-hidden>
        {initials(message.user)}
      </Avatar>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={700}>
            {message.user}
          </Text>
          {at && (
            <Text size="xs" c="dimmed">
              <time dateTime={at} title={formatDateTime(at)}>
                {timeFormat.format(new Date(at))}
              </time>
            </Text>
          )}
          {message.broadcast && (
            <Badge size="xs" variant="default">
              also sent to the channel
            </Badge>
          )}
        </Group>
        <MessageText text={message.text} />
        {message.files?.length ? (
          <Text size="xs" c="dimmed">
            Attached: {message.files.map((f) => f.name).join(", ")}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

function ThreadItem({ thread, selected, onToggle }: { thread: Thread; selected: Set<string>; onToggle: (ts: string) => void }) {
  return (
    <li>
      <Message message={thread.message} selected={selected.has(thread.message.ts)} onToggle={onToggle} />
      {thread.replies.length > 0 && (
        <Box
          component="ul"
          aria-label={`${thread.replies.length} ${thread.replies.length === 1 ? "reply" : "replies"} to ${thread.message.user}`}
          m={0}
          ml={{ base: "md", sm: 52 }}
          pl="sm"
          style={{ listStyle: "none", borderLeft: "2px solid var(--mantine-color-default-border)" }}
        >
          {thread.replies.map((reply) => (
            <li key={reply.ts}>
              <Message message={reply} selected={selected.has(reply.ts)} onToggle={onToggle} />
            </li>
          ))}
        </Box>
      )}
    </li>
  );
}

export function TranscriptView({ entryId, fields }: { entryId: string; fields: TranscriptFields }) {
  const messages = useMemo(() => fields.messages ?? [], [fields.messages]);
  const threads = useMemo(() => threadMessages(messages), [messages]);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [shown, setShown] = useState(PAGE);
  const [promoting, setPromoting] = useState<PromoteKind | null>(null);

  const toggle = (ts: string) => {
    void loadPromoteDialog().catch(() => undefined);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(ts)) next.delete(ts);
      else next.add(ts);
      return next;
    });
  };

  // Promote in conversation order, whatever order they were ticked in.
  const picked = messages.filter((m) => selected.has(m.ts));
  const redactions = messages.reduce((n, m) => n + messageSegments(m.text).filter((s) => s.type === "redacted").length, 0);
  let lastDay = "";

  return (
    <>
      <EntrySection title="Conversation">
        <Group gap="xs" wrap="wrap">
          {fields.channel && (
            <Badge variant="default" tt="none" size="lg" radius="sm">
              {fields.channel}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {messages.length} {messages.length === 1 ? "message" : "messages"}
            {redactions > 0 && `, ${redactions} ${redactions === 1 ? "secret" : "secrets"} redacted`}
          </Text>
        </Group>
        {fields.postmortemId && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Postmortem:
            </Text>
            <LinkedEntry id={fields.postmortemId} />
          </Group>
        )}

        {messages.length > 0 && (
          <Paper
            withBorder
            p="xs"
            radius="md"
            role="toolbar"
            aria-label="Selected messages"
            style={{ position: "sticky", top: "calc(var(--app-shell-header-offset, 56px) + 8px)", zIndex: 2 }}
          >
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" aria-live="polite">
                {picked.length === 0
                  ? "Pick messages to turn them into a fix or a runbook."
                  : `${picked.length} ${picked.length === 1 ? "message" : "messages"} selected`}
              </Text>
              <Group gap="xs" wrap="wrap">
                {picked.length > 0 && (
                  <Button variant="subtle" size="xs" onClick={() => setSelected(new Set())}>
                    Clear selection
                  </Button>
                )}
                <LazyTooltip label="Select at least one message first" disabled={picked.length > 0}>
                  <Button size="xs" disabled={picked.length === 0} onClick={() => setPromoting("fix")}>
                    Promote to fix
                  </Button>
                </LazyTooltip>
                <LazyTooltip label="Select at least one message first" disabled={picked.length > 0}>
                  <Button size="xs" variant="light" disabled={picked.length === 0} onClick={() => setPromoting("runbook")}>
                    Promote to runbook
                  </Button>
                </LazyTooltip>
              </Group>
            </Group>
          </Paper>
        )}

        {messages.length === 0 ? (
          <Text c="dimmed">This transcript has no messages.</Text>
        ) : (
          <Box component="ul" aria-label="Messages" m={0} p={0} style={{ listStyle: "none" }}>
            {threads.slice(0, shown).map((thread) => {
              const at = messageTime(thread.message);
              const day = at ? formatDate(at) : "";
              const divider = day && day !== lastDay;
              lastDay = day || lastDay;
              return (
                <Fragment key={thread.message.ts}>
                  {divider && (
                    <li aria-hidden>
                      <Divider my="xs" label={day} labelPosition="center" />
                    </li>
                  )}
                  <ThreadItem thread={thread} selected={selected} onToggle={toggle} />
                </Fragment>
              );
            })}
          </Box>
        )}
        {threads.length > shown && (
          <Group justify="center">
            <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, threads.length - shown)} more of {threads.length - shown} remaining
            </Button>
          </Group>
        )}
      </EntrySection>

      {promoting && (
        <Suspense fallback={null}>
          <PromoteDialog
            kind={promoting}
            transcriptId={entryId}
            messageTs={picked.map((m) => m.ts)}
            suggestedTitle={suggestTitle(picked)}
            onClose={() => setPromoting(null)}
          />
        </Suspense>
      )}
    </>
  );
}
