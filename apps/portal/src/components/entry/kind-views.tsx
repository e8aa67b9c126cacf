// The per-kind part of an entry page, looked up by kind: each kind's view component (its structure:
// a postmortem's timeline, a fix's signatures, a runbook's steps, …) and how the page titles its body.
// Everything else about a kind (label, colour, fields) comes from its descriptor in the domain package.
import type { EntryKind } from "@hindsight/domain";
import type { ComponentType, ReactNode } from "react";
import { readFields, type KindFields } from "../../lib/entry-view";
import type { EntryView } from "../../lib/trpc";
import { FixFeedback, FixView } from "./fix-view";
import { GamedayView } from "./gameday-view";
import { PostmortemView } from "./postmortem-view";
import { RunbookView } from "./runbook-view";
import { TranscriptView } from "./transcript-view";

export interface KindViewProps {
  entry: EntryView;
  canEdit: boolean;
}

export interface KindPage {
  /** The kind's structure, above the markdown body. */
  View: ComponentType<KindViewProps>;
  /** The heading of the markdown body. */
  bodyTitle: string;
  /** Whether an empty body says "no write-up yet" (a transcript's messages are its content). */
  expectsWriteUp: boolean;
}

/** A view over the entry's fields read through its kind's schema; nothing when they do not parse. */
function withFields<K extends EntryKind>(kind: K, render: (fields: KindFields<K>, props: KindViewProps) => ReactNode) {
  return function KindFieldsView(props: KindViewProps) {
    const fields = readFields(kind, props.entry);
    return fields ? render(fields, props) : null;
  };
}

export const KIND_PAGES: Record<EntryKind, KindPage> = {
  postmortem: {
    View: withFields("postmortem", (fields) => <PostmortemView fields={fields} />),
    bodyTitle: "Write-up",
    expectsWriteUp: true,
  },
  fix: {
    View: ({ entry, canEdit }) => (
      <>
        {/* Votes count once a fix is out in the world; a draft has not been tried by anyone yet. */}
        {(entry.status === "published" || entry.status === "archived") && <FixFeedback entryId={entry.id} />}
        <FixFields entry={entry} canEdit={canEdit} />
      </>
    ),
    bodyTitle: "Details",
    expectsWriteUp: true,
  },
  runbook: {
    View: withFields("runbook", (fields, { entry, canEdit }) => <RunbookView entry={entry} fields={fields} canEdit={canEdit} />),
    bodyTitle: "Notes",
    expectsWriteUp: true,
  },
  transcript: {
    View: withFields("transcript", (fields, { entry }) => <TranscriptView entryId={entry.id} fields={fields} />),
    bodyTitle: "Notes",
    expectsWriteUp: false,
  },
  gameday: {
    View: withFields("gameday", (fields) => <GamedayView fields={fields} />),
    bodyTitle: "Report",
    expectsWriteUp: true,
  },
};

const FixFields = withFields("fix", (fields) => <FixView fields={fields} />);
