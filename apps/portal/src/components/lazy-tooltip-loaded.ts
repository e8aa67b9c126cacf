// The module lazy-tooltip.tsx loads on first use: Mantine's Tooltip, which brings floating-ui along.
export { Tooltip } from "@mantine/core";
