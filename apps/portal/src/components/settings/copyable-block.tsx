// A block of text to paste elsewhere (a command, a token) with a named copy button that says when it
// worked, for sighted and screen-reader users alike.
import { ActionIcon, Box, Code, CopyButton, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

export interface CopyableBlockProps {
  value: string;
  /** The copy button's accessible name ("Copy token", "Copy search example"). */
  label: string;
}

export function CopyableBlock({ value, label }: CopyableBlockProps) {
  return (
    <Box pos="relative">
      <Code
        block
        style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", paddingRight: "calc(var(--mantine-spacing-xl) + 16px)" }}
      >
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <>
            <Tooltip label={copied ? "Copied" : label} withArrow position="left">
              <ActionIcon variant="default" size="md" aria-label={label} onClick={copy} pos="absolute" top={6} right={6}>
                {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
            <VisuallyHidden role="status">{copied ? "Copied to the clipboard" : ""}</VisuallyHidden>
          </>
        )}
      </CopyButton>
    </Box>
  );
}
