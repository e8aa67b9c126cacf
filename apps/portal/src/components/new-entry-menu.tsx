// The header's "New" menu itself (loaded on first use, lazy-menu.tsx): one link per entry kind to
// its editor.
import { ENTRY_KINDS, newEntryPath } from "@hindsight/domain";
import { Menu } from "@mantine/core";
import { cloneElement } from "react";
import { Link } from "react-router";
import { newEntryLabel } from "../lib/search-kinds";
import { useFirstOpening, type LoadedMenuProps } from "./lazy-menu";
import { KindIcon } from "./search/kind-icon";

export default function NewEntryMenu({ target, openOnMount }: LoadedMenuProps) {
  const { opened, onChange, targetRef } = useFirstOpening(openOnMount);
  return (
    <Menu position="bottom-end" width={220} withinPortal opened={opened} onChange={onChange}>
      <Menu.Target>{cloneElement(target, { ref: targetRef })}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Write a new entry</Menu.Label>
        {ENTRY_KINDS.map((kind) => (
          <Menu.Item key={kind} component={Link} to={newEntryPath(kind)} leftSection={<KindIcon kind={kind} size="sm" />}>
            {newEntryLabel(kind)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
