// The body editor: CodeMirror 6 with markdown highlighting and line wrapping, blameless underlines,
// and a live preview (write, split or preview) rendered by the same sanitised Markdown component
// the entry page uses. Tab is left to the browser so keyboard users can leave the editor (no trap).
import { markdown } from "@codemirror/lang-markdown";
import { EditorView } from "@codemirror/view";
import { Box, Group, Input, Paper, SegmentedControl, Text, Typography, useComputedColorScheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import CodeMirror from "@uiw/react-codemirror";
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import { Markdown } from "../markdown";
import { blamelessMarks, setFlaggedSpans, type FlaggedSpan } from "./blameless-marks";

export interface MarkdownEditorHandle {
  /** Selects a span of the body and scrolls it into view (from the findings list). */
  reveal(from: number, to: number): void;
}

export interface MarkdownEditorProps {
  value: string;
  onChange(value: string): void;
  /** Spans to underline, computed against `flaggedFor`; ignored once the text has moved on. */
  flagged: FlaggedSpan[];
  flaggedFor: string;
  error?: string;
}

type View = "write" | "split" | "preview";

/*
 * The editor takes the page's colours (Mantine variables) in both schemes. In dark mode syntax colours
 * are switched off: the default highlight palette is meant for white and fails contrast on dark, and
 * the alternative themes' heading colours do too; bold, italics and underlines still show structure.
 */
const editorTheme = (dark: boolean) =>
  EditorView.theme(
    {
      "&": { backgroundColor: "var(--mantine-color-body)", color: "var(--mantine-color-text)", fontSize: "var(--mantine-font-size-sm)" },
      ".cm-content": { caretColor: "var(--mantine-color-text)", fontFamily: "var(--mantine-font-family-monospace)", padding: "8px 0" },
      ".cm-line": { padding: "0 12px" },
      "&.cm-focused": { outline: "2px solid var(--mantine-primary-color-filled)", outlineOffset: "-2px" },
      "&.cm-focused .cm-cursor": { borderLeftColor: "var(--mantine-color-text)" },
      "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": {
        backgroundColor: "var(--mantine-primary-color-light)",
      },
      ...(dark ? { ".cm-line span": { color: "inherit" } } : {}),
    },
    { dark },
  );

export const MarkdownEditor = forwardRef<MarkdownEditorHandle, MarkdownEditorProps>(function MarkdownEditor(
  { value, onChange, flagged, flaggedFor, error },
  ref,
) {
  const scheme = useComputedColorScheme("light");
  const wide = useMediaQuery("(min-width: 75em)");
  const [view, setView] = useState<View | null>(null);
  const shown: View = view ?? (wide ? "split" : "write");
  const viewRef = useRef<EditorView | null>(null);
  const theme = useMemo(() => editorTheme(scheme === "dark"), [scheme]);

  const extensions = useMemo(
    () => [
      markdown(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": "Body", "aria-multiline": "true", ...(error ? { "aria-invalid": "true" } : {}) }),
      blamelessMarks,
    ],
    [error],
  );

  useEffect(() => {
    const v = viewRef.current;
    if (!v || v.state.doc.toString() !== flaggedFor) return;
    v.dispatch({ effects: setFlaggedSpans.of(flagged) });
  }, [flagged, flaggedFor, shown]);

  useImperativeHandle(ref, () => ({
    reveal(from, to) {
      const v = viewRef.current;
      if (!v) return;
      if (shown === "preview") setView("write");
      const length = v.state.doc.length;
      v.dispatch({ selection: { anchor: Math.min(from, length), head: Math.min(to, length) }, scrollIntoView: true });
      v.focus();
    },
  }));

  const editor = (
    <Paper withBorder radius="sm" style={{ overflow: "hidden" }}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={theme}
        minHeight="420px"
        indentWithTab={false}
        basicSetup={{ lineNumbers: false, foldGutter: false, highlightActiveLine: false, highlightActiveLineGutter: false }}
        onCreateEditor={(v) => {
          viewRef.current = v;
          if (v.state.doc.toString() === flaggedFor) v.dispatch({ effects: setFlaggedSpans.of(flagged) });
        }}
      />
    </Paper>
  );

  const preview = (
    <Paper withBorder radius="sm" p="md" mih={420} aria-label="Body preview" role="region" style={{ overflowWrap: "anywhere", minWidth: 0 }}>
      {value.trim() ? (
        <Typography>
          <Markdown>{value}</Markdown>
        </Typography>
      ) : (
        <Text c="dimmed" size="sm">
          Nothing to preview yet.
        </Text>
      )}
    </Paper>
  );

  return (
    <Box>
      <Group justify="space-between" mb={6} wrap="wrap" gap="xs">
        <Input.Label component="span">Body</Input.Label>
        <SegmentedControl
          size="xs"
          aria-label="Body view"
          value={shown}
          onChange={(v) => setView(v as View)}
          data={[
            { value: "write", label: "Write" },
            { value: "split", label: "Split" },
            { value: "preview", label: "Preview" },
          ]}
        />
      </Group>
      {/* The editor stays mounted in preview mode so its undo history and cursor survive. */}
      <Box style={{ display: "grid", gridTemplateColumns: shown === "split" ? "minmax(0, 1fr) minmax(0, 1fr)" : "minmax(0, 1fr)", gap: 12 }}>
        <Box style={{ display: shown === "preview" ? "none" : undefined }}>{editor}</Box>
        {shown !== "write" && preview}
      </Box>
      {error && (
        <Text c="red" size="sm" mt={4} role="alert">
          {error}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        Markdown. Tab moves to the next control; press Escape first if a completion is open.
      </Text>
    </Box>
  );
});
