// CodeMirror extension that underlines the blameless check's flagged spans in the body. The spans
// are pushed in with an effect (the check runs debounced, outside the editor) and then follow the
// text as the writer keeps typing, so an underline never drifts onto the wrong words.
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

export interface FlaggedSpan {
  from: number;
  to: number;
  /** Shown as a tooltip; the findings list below the editor carries the same text for everyone. */
  title: string;
}

export const setFlaggedSpans = StateEffect.define<FlaggedSpan[]>();

const flaggedSpans = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setFlaggedSpans)) continue;
      const length = tr.state.doc.length;
      next = Decoration.set(
        effect.value
          .filter((s) => s.from < s.to && s.to <= length)
          .map((s) => Decoration.mark({ class: "cm-blameless", attributes: { title: s.title } }).range(s.from, s.to)),
        true,
      );
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.baseTheme({
  ".cm-blameless": {
    textDecorationLine: "underline",
    textDecorationStyle: "wavy",
    textDecorationColor: "var(--mantine-color-orange-6)",
    textDecorationThickness: "1.5px",
    textUnderlineOffset: "3px",
  },
});

export const blamelessMarks = [flaggedSpans, theme];
