// Import from the portal: a Slack export (.zip) into transcripts, markdown files into entries, or a
// pasted chat log into one transcript. Each import shows its report: what was created or updated
// (with links), what was masked, and what the blameless check flagged.
import { ENTRY_KINDS, KIND_BASICS, KIND_LABELS, type EntryKind, type Visibility } from "@hindsight/domain";
import { Alert, Button, Group, Input, Paper, Select, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent } from "react";
import { addReports, bytesToBase64, emptyReport, type ImportReport } from "../components/import/import-report-model";
import { ImportReportView } from "../components/import/import-report-view";
import { errorMessage, fieldErrors } from "../lib/errors";
import { useCurrentUser } from "../lib/session";
import { useTRPC } from "../lib/trpc";

const VISIBILITY_OPTIONS: { value: Visibility; label: string }[] = [
  { value: "org", label: "Everyone in the organisation" },
  { value: "team", label: "Owner team only" },
  { value: "restricted", label: "Restricted" },
];

function useTeamOptions() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const teams = useQuery(trpc.teams.list.queryOptions());
  return useMemo(() => {
    const mine = new Set(user.teams.map((t) => t.id));
    const all = teams.data ?? [];
    const allowed = user.orgRole === "admin" ? all : all.filter((t) => mine.has(t.id));
    return (allowed.length ? allowed : user.teams).map((t) => ({ value: t.id, label: t.name }));
  }, [teams.data, user]);
}

function TargetFields({ teamId, setTeamId, visibility, setVisibility }: { teamId: string | null; setTeamId(v: string | null): void; visibility: Visibility; setVisibility(v: Visibility): void }) {
  const teamOptions = useTeamOptions();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select label="Team" data={teamOptions} value={teamId} onChange={setTeamId} clearable placeholder="No team" />
      <Select label="Visibility" data={VISIBILITY_OPTIONS} value={visibility} onChange={(v) => v && setVisibility(v as Visibility)} allowDeselect={false} />
    </SimpleGrid>
  );
}

/** A native file input: keyboard and screen-reader friendly as it is, and named for tests. */
function FileField({ label, description, accept, multiple, onFiles, error }: { label: string; description: string; accept: string; multiple?: boolean; onFiles(files: File[]): void; error?: string }) {
  const id = useId();
  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-label={label}
        className="file-input"
        style={{ display: "block", marginTop: 6, font: "inherit" }}
        onChange={(e) => onFiles(Array.from(e.currentTarget.files ?? []))}
      />
    </Input.Wrapper>
  );
}

function SlackImport({ onReport }: { onReport(report: ImportReport): void }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [file, setFile] = useState<File | null>(null);
  const [teamId, setTeamId] = useState<string | null>(user.teams[0]?.id ?? null);
  const [visibility, setVisibility] = useState<Visibility>("org");
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string>();
  const slack = useMutation(trpc.imports.slack.mutationOptions({ onSuccess: onReport }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError("Choose the export's .zip file first");
      return;
    }
    setFileError(undefined);
    setReading(true);
    try {
      const zipBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      slack.mutate({ zipBase64, teamId, visibility });
    } catch {
      setFileError("Could not read that file");
    } finally {
      setReading(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-labelledby="slack-import-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="slack-import-heading">
          Slack export
        </Title>
        <Text size="sm" c="dimmed">
          In Slack: Workspace settings → Import/Export data → Export. Each channel-day becomes a transcript; importing the same export again updates rather than duplicates. Secrets are masked on the way in.
        </Text>
        <FileField
          label="Slack export (.zip)"
          description="The .zip file Slack produced."
          accept=".zip,application/zip"
          onFiles={(files) => setFile(files[0] ?? null)}
          error={fileError ?? fieldErrors(slack.error).zipBase64}
        />
        <TargetFields teamId={teamId} setTeamId={setTeamId} visibility={visibility} setVisibility={setVisibility} />
        {slack.isError && (
          <Alert color="red" variant="light" title="Import failed">
            {errorMessage(slack.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={reading || slack.isPending}>
            Import Slack export
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MarkdownImport({ onReport }: { onReport(report: ImportReport): void }) {
  const trpc = useTRPC();
  const [files, setFiles] = useState<File[]>([]);
  const [kind, setKind] = useState<EntryKind | null>(null);
  const [status, setStatus] = useState<"draft" | "published">("draft");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const markdown = useMutation(trpc.imports.markdown.mutationOptions());

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) {
      setError("Choose one or more markdown files first");
      return;
    }
    setError(undefined);
    setBusy(true);
    let report = emptyReport();
    try {
      // One file at a time: each is its own transaction, and a bad file names itself.
      for (const file of files) {
        try {
          const text = await file.text();
          report = addReports(report, await markdown.mutateAsync({ markdown: text, filename: file.name, status, ...(kind ? { kind } : {}) }));
        } catch (err) {
          setError(`${file.name}: ${errorMessage(err)}`);
          break;
        }
      }
      if (report.entries.length > 0) onReport(report);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-labelledby="markdown-import-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="markdown-import-heading">
          Markdown files
        </Title>
        <Text size="sm" c="dimmed">
          Postmortems, runbooks and fixes written as markdown, with or without front matter (title, kind, team, tags). Headings such as “Timeline” and “Action items” become structured fields.
        </Text>
        <FileField label="Markdown files" description=".md files; several at once is fine." accept=".md,.markdown,text/markdown,text/plain" multiple onFiles={setFiles} error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Kind"
            description="Used when the file does not say."
            placeholder="From the file"
            clearable
            data={ENTRY_KINDS.filter((k) => KIND_BASICS[k].importsFromMarkdown).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => setKind(v as EntryKind | null)}
          />
          <Select
            label="Status"
            description="Used when the file does not say."
            data={[
              { value: "draft", label: "Draft" },
              { value: "published", label: "Published" },
            ]}
            value={status}
            onChange={(v) => v && setStatus(v as "draft" | "published")}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy}>
            Import markdown
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChatLogImport({ onReport }: { onReport(report: ImportReport): void }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [title, setTitle] = useState("");
  const [channel, setChannel] = useState("");
  const [date, setDate] = useState("");
  const [text, setText] = useState("");
  const [teamId, setTeamId] = useState<string | null>(user.teams[0]?.id ?? null);
  const [visibility, setVisibility] = useState<Visibility>("org");
  const chatLog = useMutation(trpc.imports.chatLog.mutationOptions({ onSuccess: onReport }));
  const errors = fieldErrors(chatLog.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    chatLog.mutate({ title, text, teamId, visibility, ...(channel.trim() ? { channel: channel.trim() } : {}), ...(date ? { date } : {}) });
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby="chat-import-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="chat-import-heading">
          Paste a chat log
        </Title>
        <Text size="sm" c="dimmed">
          {"Lines like “[09:14] alice: restarting the pods” or IRC style “09:14 <alice> restarting the pods”; a line without a time continues the message above it."}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Transcript title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
          <TextInput label="Channel" placeholder="#incident-123" value={channel} onChange={(e) => setChannel(e.currentTarget.value)} error={errors.channel} />
          <TextInput type="date" label="Date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} />
        </SimpleGrid>
        <Textarea label="Chat log" required autosize minRows={6} maxRows={20} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }} />
        <TargetFields teamId={teamId} setTeamId={setTeamId} visibility={visibility} setVisibility={setVisibility} />
        {chatLog.isError && Object.keys(errors).length === 0 && (
          <Alert color="red" variant="light" title="Import failed">
            {errorMessage(chatLog.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={chatLog.isPending}>
            Import chat log
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ImportPage() {
  const [report, setReport] = useState<{ report: ImportReport; source: string } | null>(null);
  const show = (source: string) => (r: ImportReport) => setReport({ report: r, source });
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Import</Title>
        <Text c="dimmed">Bring in what you already have: chat exports become searchable transcripts, markdown becomes entries.</Text>
      </Stack>
      <Tabs defaultValue="slack" keepMounted={false}>
        <Tabs.List aria-label="Import source">
          <Tabs.Tab value="slack">Slack export</Tabs.Tab>
          <Tabs.Tab value="markdown">Markdown</Tabs.Tab>
          <Tabs.Tab value="chat">Chat log</Tabs.Tab>
        </Tabs.List>
        <Paper withBorder p="md" radius="sm" mt="md">
          <Tabs.Panel value="slack">
            <SlackImport onReport={show("Slack export")} />
          </Tabs.Panel>
          <Tabs.Panel value="markdown">
            <MarkdownImport onReport={show("Markdown")} />
          </Tabs.Panel>
          <Tabs.Panel value="chat">
            <ChatLogImport onReport={show("Chat log")} />
          </Tabs.Panel>
        </Paper>
      </Tabs>
      {report && <ImportReportView report={report.report} heading={`${report.source} import report`} />}
    </Stack>
  );
}
