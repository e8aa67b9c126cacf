// One icon per kind of entry, in the kind's colour. Decorative: the kind is always also written out
// next to it, so the icon is hidden from assistive technology.
import type { EntryKind } from "@hindsight/domain";
import { ThemeIcon, type ThemeIconProps } from "@mantine/core";
import { IconBook, IconFlame, IconFlask, IconMessages, IconTool, type Icon } from "@tabler/icons-react";
import { KIND_COLORS } from "../../lib/labels";

export const KIND_ICONS: Record<EntryKind, Icon> = {
  postmortem: IconFlame,
  fix: IconTool,
  runbook: IconBook,
  transcript: IconMessages,
  gameday: IconFlask,
};

export function KindIcon({ kind, size = "md", ...props }: { kind: EntryKind } & Omit<ThemeIconProps, "children" | "color">) {
  const Glyph = KIND_ICONS[kind];
  return (
    <ThemeIcon variant="light" color={KIND_COLORS[kind]} size={size} aria-hidden {...props}>
      <Glyph size="70%" stroke={1.8} />
    </ThemeIcon>
  );
}
