// A Mantine Select whose code loads on first use. Select brings Combobox, Popover, floating-ui,
// ScrollArea and a focus trap along (about 30 kB gzipped), which a page with one select box (the demo
// sign-in's account picker) otherwise downloads before anyone touches it. Until then the box is
// rendered as Select renders its closed input (InputBase with the Combobox chevron, both already in
// the common chunk), with the same label, placeholder, role and ARIA state and the text typed so far; pointing
// at it or focusing it starts the download, and once loaded the real Select takes its place with that
// text as its search, focused if the box had focus (a searchable Select opens on focus; one that is
// not opens if the box was clicked, or opened from the keyboard, before it arrived).
import { ComboboxChevron, InputBase, type ComboboxItem, type SelectProps } from "@mantine/core";
import { useEffect, useRef, useState, type ComponentType, type Ref } from "react";
import { loadOnce } from "../lib/load-once";

type LoadedSelect = ComponentType<SelectProps & { ref?: Ref<HTMLInputElement> }>;

const selectModule = loadOnce(() => import("./lazy-select-loaded").then((m) => m.Select as LoadedSelect));

/** Select's props, with its options as a flat list of items (what the closed box needs to show the value). */
export type LazySelectProps = Omit<SelectProps, "data"> & { data: ComboboxItem[] };

export function LazySelect(props: LazySelectProps) {
  const [Select, setSelect] = useState<LoadedSelect | null>(() => selectModule.loaded());
  const [search, setSearch] = useState("");
  const boxRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLInputElement>(null);
  // Whether the box had focus when the real Select replaced it; read once, by the effect below.
  const hadFocus = useRef(false);
  // Whether the box was clicked (or opened from the keyboard) before the real Select arrived: a select
  // that is not searchable opens on click, not on focus, so the loaded one opens itself.
  const [wantsOpen, setWantsOpen] = useState(false);

  const start = () => {
    if (Select) return;
    selectModule.load().then(
      (component) => {
        hadFocus.current = boxRef.current !== null && document.activeElement === boxRef.current;
        setSelect(() => component);
      },
      () => undefined, // the box stays; the next pointer or focus tries again
    );
  };

  useEffect(() => {
    if (!Select || !hadFocus.current) return;
    const input = selectRef.current;
    if (!input) return;
    input.focus({ preventScroll: true });
    input.setSelectionRange(input.value.length, input.value.length);
  }, [Select]);

  if (Select) {
    return (
      <Select
        {...props}
        ref={selectRef}
        defaultSearchValue={search || undefined}
        defaultDropdownOpened={wantsOpen && !props.searchable ? true : undefined}
      />
    );
  }

  const { label, placeholder, required, disabled, size, error, description, withAsterisk, searchable, value, data, w } = props;
  const selected = value == null ? undefined : data.find((item) => item.value === value)?.label;
  return (
    <InputBase
      ref={boxRef}
      label={label}
      description={description}
      placeholder={placeholder}
      required={required}
      withAsterisk={withAsterisk}
      disabled={disabled}
      size={size}
      error={error}
      __staticSelector="Select"
      __defaultRightSection={<ComboboxChevron size={size ?? "sm"} error={error} />}
      rightSectionPointerEvents="none"
      readOnly={!searchable}
      pointer={!searchable}
      autoComplete="off"
      role="combobox"
      aria-haspopup="listbox"
      aria-expanded={false}
      value={search || selected || ""}
      onChange={(event) => setSearch(event.currentTarget.value)}
      aria-label={props["aria-label"]}
      w={w}
      onPointerEnter={start}
      onFocus={start}
      onClick={() => {
        setWantsOpen(true);
        start();
      }}
      onKeyDown={(event) => {
        if (["Enter", " ", "ArrowDown", "ArrowUp"].includes(event.key)) {
          setWantsOpen(true);
          start();
        }
      }}
    />
  );
}
