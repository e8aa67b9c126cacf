// The command palette's trigger and shortcuts, in the layout on every page. The palette itself
// (Mantine Spotlight and its search logic) is a separate chunk fetched the first time it is opened, so
// it costs the home page nothing; later openings are instant.
import { Button, Kbd, Text } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useState } from "react";
import { opensPalette } from "../../lib/search-hotkeys";

const CommandPalette = lazy(() => import("./command-palette"));

/** Starts downloading the palette early (on hover or focus of the trigger), before it is asked for. */
const preload = () => void import("./command-palette");

export function PaletteLauncher() {
  // Each request to open bumps the counter; the palette opens itself whenever it changes.
  const [openRequests, setOpenRequests] = useState(0);
  const open = () => setOpenRequests((n) => n + 1);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!opensPalette(event) || (event.key === "/" && event.defaultPrevented)) return;
      event.preventDefault();
      setOpenRequests((n) => n + 1);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      <Button
        variant="default"
        size="sm"
        onClick={open}
        onMouseEnter={preload}
        onFocus={preload}
        aria-label="Search (Ctrl+K)"
        aria-keyshortcuts="Control+K Meta+K /"
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          // The keys are drawn by CSS (styles.css): as text they would be part of the visible label,
          // which must then appear in the accessible name verbatim (WCAG "label in name").
          <Kbd size="xs" visibleFrom="md" aria-hidden className="kbd-ctrl-k" />
        }
        className="palette-trigger"
      >
        <Text span size="sm" c="dimmed" visibleFrom="xs">
          Search
        </Text>
      </Button>
      {openRequests > 0 && (
        <Suspense fallback={null}>
          <CommandPalette openRequests={openRequests} />
        </Suspense>
      )}
    </>
  );
}
