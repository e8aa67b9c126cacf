// A hit's snippet with the matched words marked. The markup from the API is parsed into text and
// <mark> pieces (lib/search-highlight.ts); nothing is ever set as HTML.
import { Text, type TextProps } from "@mantine/core";
import { useMemo } from "react";
import { parseSnippet } from "../../lib/search-highlight";

export function HighlightedSnippet({ snippet, ...props }: { snippet: string } & Omit<TextProps, "children">) {
  const parts = useMemo(() => parseSnippet(snippet), [snippet]);
  if (parts.length === 0) return null;
  return (
    <Text size="sm" className="search-snippet" {...props}>
      {parts.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </Text>
  );
}
