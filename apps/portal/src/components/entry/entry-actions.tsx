// The page's actions on an entry: edit it (only offered to people who may), read its history, and
// take it away as markdown (the same file the CLI publishes from a repository).
import { Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconHistory, IconPencil } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../lib/errors";
import { useTRPC, type EntryView } from "../../lib/trpc";

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function EntryActions({ entry, canEdit }: { entry: EntryView; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [exporting, setExporting] = useState(false);

  const exportMarkdown = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.entries.exportMarkdown.queryOptions({ id: entry.id }), staleTime: 0 });
      download(file.filename, file.markdown);
    } catch (error) {
      notifications.show({ color: "red", title: "Could not export this entry", message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Group gap="xs" wrap="wrap">
      {canEdit && (
        <Button component={Link} to={`/entries/${entry.slug}/edit`} size="sm" leftSection={<IconPencil size={16} aria-hidden />}>
          Edit
        </Button>
      )}
      <Button
        component={Link}
        to={`/entries/${entry.slug}/history`}
        size="sm"
        variant="default"
        leftSection={<IconHistory size={16} aria-hidden />}
      >
        History
      </Button>
      <Button
        size="sm"
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        loading={exporting}
        onClick={() => void exportMarkdown()}
      >
        Export markdown
      </Button>
    </Group>
  );
}
