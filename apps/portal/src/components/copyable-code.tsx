// A block of text with a named copy button (error signatures, runbook commands, tokens, curl
// examples): what is meant to be pasted elsewhere is one keystroke away, and the button says when it
// worked, for sighted and screen-reader users alike. The button's tooltip loads on first use (lazy-tooltip.tsx).
import { ActionIcon, Box, Code, CopyButton, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { LazyTooltip } from "./lazy-tooltip";

export function CopyableCode({ value, label, describedBy }: { value: string; label: string; describedBy?: string }) {
  return (
    <Box pos="relative">
      <Code
        block
        style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", paddingRight: "calc(var(--mantine-spacing-xl) + 12px)" }}
      >
        {value}
      </Code>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <>
            <LazyTooltip label={copied ? "Copied" : label} withArrow position="left">
              <ActionIcon
                variant="default"
                size="md"
                aria-label={label}
                aria-describedby={describedBy}
                onClick={copy}
                pos="absolute"
                top={6}
                right={6}
              >
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </LazyTooltip>
            <VisuallyHidden role="status">{copied ? "Copied to the clipboard" : ""}</VisuallyHidden>
          </>
        )}
      </CopyButton>
    </Box>
  );
}
