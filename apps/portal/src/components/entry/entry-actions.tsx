// The page's actions on an entry: edit it (only offered to people who may), read its history, take
// it away as markdown (the same file the CLI publishes from a repository), and, for its writers,
// archive a published entry (after a confirmation) or restore an archived one.
import { entryPath } from "@hindsight/domain";
import { Button, Group, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconArchiveOff, IconDownload, IconHistory, IconPencil } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { Link } from "react-router";
import { errorCode, errorMessage } from "../../lib/errors";
import { useTRPC, type EntryView } from "../../lib/trpc";
import { GateNotice, notifyDone, useGatedTransition } from "./review-panel";

// The confirmation (Mantine's Modal, its focus trap and scroll lock) loads when the Archive button is
// pointed at or focused, so it is there by the click.
const loadConfirmDialog = () => import("../confirm-dialog");
const preloadConfirmDialog = () => void loadConfirmDialog().catch(() => undefined);
const ConfirmDialog = lazy(() => loadConfirmDialog().then((m) => ({ default: m.ConfirmDialog })));

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
  const [confirmArchive, setConfirmArchive] = useState(false);
  const restore = useGatedTransition(entry, "restore");
  const archive = useMutation(
    trpc.entries.archive.mutationOptions({
      onSuccess: (saved) => {
        setConfirmArchive(false);
        queryClient.setQueryData(trpc.entries.get.queryKey({ slug: saved.slug }), saved);
        void queryClient.invalidateQueries({ queryKey: trpc.entries.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.search.pathKey() });
        notifyDone(`Archived “${saved.title}”`);
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT") void queryClient.invalidateQueries({ queryKey: trpc.entries.get.queryKey({ slug: entry.slug }) });
      },
    }),
  );

  const exportMarkdown = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.entries.exportMarkdown.queryOptions({ id: entry.id }), staleTime: 0 });
      download(file.filename, file.markdown);
    } catch (error) {
      notifications.show({ color: "red", title: "Could not export this entry", message: errorMessage(error), closeButtonProps: { "aria-label": "Dismiss notification" } });
    } finally {
      setExporting(false);
    }
  };

  const closeArchive = () => {
    setConfirmArchive(false);
    archive.reset();
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        {canEdit && (
          <Button component={Link} to={entryPath(entry.slug, "edit")} size="sm" leftSection={<IconPencil size={16} aria-hidden />}>
            Edit
          </Button>
        )}
        <Button
          component={Link}
          to={entryPath(entry.slug, "history")}
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
        {canEdit && entry.status === "published" && (
          <Button
            size="sm"
            variant="default"
            leftSection={<IconArchive size={16} aria-hidden />}
            onPointerEnter={preloadConfirmDialog}
            onFocus={preloadConfirmDialog}
            onClick={() => setConfirmArchive(true)}
          >
            Archive
          </Button>
        )}
        {canEdit && entry.status === "archived" && (
          <Button
            size="sm"
            variant="default"
            leftSection={<IconArchiveOff size={16} aria-hidden />}
            loading={restore.pending}
            onClick={() => void restore.run(false)}
          >
            Restore
          </Button>
        )}
      </Group>
      {canEdit && entry.status === "archived" && <GateNotice entry={entry} gate={restore} />}

      {confirmArchive && (
        <Suspense fallback={null}>
          <ConfirmDialog
            title="Archive this entry?"
            closeLabel="Cancel archiving"
            confirmLabel="Archive entry"
            pending={archive.isPending}
            error={archive.error}
            onConfirm={() => archive.mutate({ id: entry.id, expectedVersion: entry.version })}
            onClose={closeArchive}
          >
            “{entry.title}” stays readable, marked as archived and possibly out of date. Its writers can restore it later.
          </ConfirmDialog>
        </Suspense>
      )}
    </Stack>
  );
}
