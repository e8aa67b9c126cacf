// The box lazy-select.tsx shows until Mantine's Select has loaded must be the Select's closed input as
// server-rendered: same wrapper, label, input attributes (role, ARIA, classes, value) and chevron, so
// nobody sees or hears a difference before and after the swap. Ids differ per render and are masked;
// the Select's hidden form input (its value for a <form>, invisible) is the one thing it adds.
import { MantineProvider, Select } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LazySelect, type LazySelectProps } from "./lazy-select";

const wrap = (node: React.ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);
/** Attributes in a fixed order (React writes them in prop order, which means nothing to anyone). */
const sortAttributes = (html: string) =>
  html.replace(/<([a-z]+)((?:\s[a-zA-Z:-]+(?:="[^"]*")?)+)(\/?)>/g, (_, tag: string, attrs: string, close: string) => {
    const list = attrs.match(/\s[a-zA-Z:-]+(?:="[^"]*")?/g) ?? [];
    return `<${tag}${[...list].sort().join("")}${close}>`;
  });
const normalise = (html: string) =>
  sortAttributes(
    html
      .replace(/<input type="hidden"[^>]*>/g, "")
      .replace(/mantine-[a-z0-9]+/g, "ID")
      .replace(/_R_[A-Za-z0-9_]+_|«r[0-9a-z]+»/g, "ID"),
  );

const ITEMS = [
  { value: "a", label: "Ada Lovelace (@ada)" },
  { value: "b", label: "Brian Kernighan (@bwk)" },
];

const CASES: [string, LazySelectProps][] = [
  ["the demo account picker (searchable, labelled, empty)", { label: "Account", placeholder: "Search by name or handle", searchable: true, required: true, data: ITEMS, value: null }],
  ["an action item's status (named by aria-label, small, a value)", { "aria-label": "Status for “Rotate keys”", size: "xs", w: 140, allowDeselect: false, data: ITEMS, value: "b" }],
];

describe("LazySelect before its code loads", () => {
  it.for(CASES)("renders as Select renders it closed: %s", ([, props]) => {
    const lazy = normalise(wrap(<LazySelect {...props} />));
    const real = normalise(wrap(<Select {...props} />));
    expect(lazy).toContain("<input");
    expect(lazy).toBe(real);
  });
});
