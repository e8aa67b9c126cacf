// The module lazy-select.tsx loads on first use: Mantine's Select, which brings Combobox, Popover,
// floating-ui, ScrollArea and a focus trap along.
export { Select } from "@mantine/core";
