// The editor's structured fields: one small spec per kind (what to show, with which label and input),
// and the conversion between an entry's `fields` object (the shape the domain schemas in kinds.ts
// validate) and the flat string values form inputs edit. The UI renders any kind from its spec, so a
// new field is one line here rather than a new form.
import { SEVERITIES, type EntryKind } from "@hindsight/domain";
import { ACTION_ITEM_STATUS_OPTIONS } from "./labels";

export interface RowColumn {
  key: string;
  /** Suffix of each input's label: "Event 1 <label>". */
  label: string;
  type: "text" | "textarea" | "date" | "select";
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  /** Kept as "" when blank (the schema requires a string there); other blank columns are omitted. */
  keepBlank?: boolean;
}

interface BaseSpec {
  /** Dotted path into `fields` ("incident.startedAt"); rows and lines live at the top level. */
  key: string;
  label: string;
  description?: string;
  placeholder?: string;
}

export type FieldSpec =
  | (BaseSpec & { type: "text" | "textarea" })
  | (BaseSpec & { type: "select"; options: readonly { value: string; label: string }[] })
  | (BaseSpec & { type: "lines" })
  | (BaseSpec & { type: "number"; min: number; max: number })
  | (BaseSpec & { type: "datetime" })
  | (BaseSpec & { type: "rows"; itemLabel: string; addLabel: string; columns: readonly RowColumn[] })
  | (BaseSpec & { type: "messages" });

export interface FormRow {
  /** React key only; never saved. */
  rowId: string;
  values: Record<string, string>;
  /** Keys the form does not edit (an action item's id, team, closing link), carried through saves. */
  extra: Record<string, unknown>;
}

export type FormValue = string | FormRow[];
export type FormValues = Record<string, FormValue>;

const ACTION_ITEM_COLUMNS: readonly RowColumn[] = [
  { key: "title", label: "title", type: "text", keepBlank: true },
  { key: "owner", label: "owner", type: "text", placeholder: "@handle or name" },
  { key: "dueDate", label: "due date", type: "date" },
  {
    key: "status",
    label: "status",
    type: "select",
    options: ACTION_ITEM_STATUS_OPTIONS,
  },
];

const stepColumns = (): readonly RowColumn[] => [
  { key: "text", label: "instruction", type: "textarea", keepBlank: true },
  { key: "command", label: "command", type: "text", placeholder: "kubectl …" },
  { key: "expected", label: "expected result", type: "text" },
];

const LINES_HINT = "One per line.";

export const KIND_FIELD_SPECS: Record<EntryKind, readonly FieldSpec[]> = {
  postmortem: [
    { key: "severity", label: "Severity", type: "select", options: SEVERITIES.map((s) => ({ value: s, label: s })) },
    { key: "incident.startedAt", label: "Started at", type: "datetime" },
    { key: "incident.detectedAt", label: "Detected at", type: "datetime" },
    { key: "incident.mitigatedAt", label: "Mitigated at", type: "datetime" },
    { key: "incident.resolvedAt", label: "Resolved at", type: "datetime" },
    { key: "customerImpact", label: "Customer impact", type: "textarea" },
    {
      key: "timeline",
      label: "Timeline",
      type: "rows",
      itemLabel: "Event",
      addLabel: "Add timeline event",
      columns: [
        { key: "at", label: "time", type: "text", placeholder: "09:00 UTC", keepBlank: true },
        { key: "text", label: "description", type: "text", keepBlank: true },
      ],
    },
    { key: "contributingFactors", label: "Contributing factors", type: "lines", description: LINES_HINT },
    { key: "wentWell", label: "What went well", type: "lines", description: LINES_HINT },
    { key: "wentPoorly", label: "What went poorly", type: "lines", description: LINES_HINT },
    { key: "gotLucky", label: "Where we got lucky", type: "lines", description: LINES_HINT },
    { key: "lessonsLearned", label: "Lessons learned", type: "lines", description: LINES_HINT },
    { key: "actionItems", label: "Action items", type: "rows", itemLabel: "Action item", addLabel: "Add action item", columns: ACTION_ITEM_COLUMNS },
  ],
  fix: [
    { key: "problem", label: "Problem", type: "textarea" },
    { key: "symptoms", label: "Symptoms", type: "lines", description: LINES_HINT },
    {
      key: "errorSignatures",
      label: "Error signatures",
      type: "lines",
      description: "Exact error lines, one per line: a pasted error finds this fix by them.",
    },
    { key: "cause", label: "Cause", type: "textarea" },
    { key: "resolutionSteps", label: "Resolution steps", type: "lines", description: LINES_HINT },
    { key: "verification", label: "Verification", type: "textarea" },
    { key: "appliesTo.services", label: "Applies to services", type: "lines", description: LINES_HINT },
    { key: "appliesTo.technologies", label: "Applies to technologies", type: "lines", description: LINES_HINT },
    { key: "appliesTo.versions", label: "Applies to versions", type: "lines", description: LINES_HINT },
  ],
  runbook: [
    { key: "purpose", label: "Purpose", type: "textarea" },
    { key: "whenToUse", label: "When to use", type: "lines", description: "Alerts and symptoms that lead here, one per line." },
    { key: "prerequisites", label: "Prerequisites", type: "lines", description: LINES_HINT },
    { key: "meaning", label: "What it means", type: "textarea" },
    { key: "impact", label: "Impact", type: "textarea" },
    { key: "diagnosis", label: "Diagnosis", type: "rows", itemLabel: "Diagnosis step", addLabel: "Add diagnosis step", columns: stepColumns() },
    { key: "mitigation", label: "Mitigation", type: "rows", itemLabel: "Mitigation step", addLabel: "Add mitigation step", columns: stepColumns() },
    { key: "steps", label: "Steps", type: "rows", itemLabel: "Step", addLabel: "Add step", columns: stepColumns() },
    { key: "rollback", label: "Rollback", type: "textarea" },
    { key: "escalation", label: "Escalation", type: "textarea" },
    { key: "reviewIntervalDays", label: "Review interval (days)", type: "number", min: 1, max: 3650 },
  ],
  transcript: [
    { key: "channel", label: "Channel", type: "text" },
    { key: "messages", label: "Messages", type: "messages" },
  ],
  gameday: [
    { key: "hypothesis", label: "Hypothesis", type: "textarea" },
    { key: "blastRadius", label: "Blast radius", type: "textarea" },
    { key: "failureInjected", label: "Failure injected", type: "textarea" },
    { key: "expected", label: "Expected behaviour", type: "textarea" },
    { key: "observed", label: "Observed behaviour", type: "textarea" },
    { key: "findings", label: "Findings", type: "lines", description: LINES_HINT },
    { key: "actionItems", label: "Action items", type: "rows", itemLabel: "Action item", addLabel: "Add action item", columns: ACTION_ITEM_COLUMNS },
  ],
};

// ---------------------------------------------------------------------------------------------
// Paths

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function getPath(obj: Record<string, unknown>, path: string): unknown {
  let at: unknown = obj;
  for (const part of path.split(".")) {
    if (Array.isArray(at)) at = at[Number(part)];
    else if (isRecord(at)) at = at[part];
    else return undefined;
  }
  return at;
}

/** Sets (or, for undefined, deletes) a value at a dotted path, dropping parent objects left empty. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  const last = parts.pop()!;
  const parents: [Record<string, unknown>, string][] = [];
  let at = obj;
  for (const part of parts) {
    if (!isRecord(at[part])) {
      if (value === undefined) return;
      at[part] = {};
    }
    parents.push([at, part]);
    at = at[part] as Record<string, unknown>;
  }
  if (value === undefined) delete at[last];
  else at[last] = value;
  for (const [parent, key] of parents.reverse()) {
    const child = parent[key];
    if (isRecord(child) && Object.keys(child).length === 0) delete parent[key];
  }
}

// ---------------------------------------------------------------------------------------------
// Dates: the schema wants ISO 8601 with an offset; <input type="datetime-local"> speaks local time.

const pad = (n: number) => String(n).padStart(2, "0");

export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Local "YYYY-MM-DDTHH:mm" to ISO; anything unparseable passes through so the schema names the problem. */
export function localInputToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return local;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

// ---------------------------------------------------------------------------------------------
// fields <-> form

let rowCounter = 0;
export const newRowId = () => `row-${++rowCounter}`;

export function emptyRow(spec: FieldSpec & { type: "rows" }): FormRow {
  return { rowId: newRowId(), values: Object.fromEntries(spec.columns.map((c) => [c.key, ""])), extra: {} };
}

const asText = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

export function fieldsToForm(kind: EntryKind, fields: Record<string, unknown>): FormValues {
  const form: FormValues = {};
  for (const spec of KIND_FIELD_SPECS[kind]) {
    const value = getPath(fields, spec.key);
    switch (spec.type) {
      case "lines":
        form[spec.key] = Array.isArray(value) ? value.map(asText).join("\n") : "";
        break;
      case "datetime":
        form[spec.key] = typeof value === "string" ? isoToLocalInput(value) : "";
        break;
      case "rows": {
        const items = Array.isArray(value) ? value : [];
        form[spec.key] = items.map((item) => {
          const rec = isRecord(item) ? item : {};
          const values = Object.fromEntries(spec.columns.map((c) => [c.key, asText(rec[c.key])]));
          const extra = Object.fromEntries(Object.entries(rec).filter(([k]) => !spec.columns.some((c) => c.key === k)));
          return { rowId: newRowId(), values, extra };
        });
        break;
      }
      case "messages":
        break;
      default:
        form[spec.key] = asText(value);
    }
  }
  return form;
}

/**
 * The `fields` object to save: `original` with every spec'd field replaced by the form's value.
 * Keys without a spec (a transcript's messages, a fix's derivedFrom, a runbook's lastReviewedAt) are
 * kept as they were. Blank optional values are omitted rather than saved as "".
 */
export function formToFields(kind: EntryKind, form: FormValues, original: Record<string, unknown>): Record<string, unknown> {
  const fields = structuredClone(original);
  for (const spec of KIND_FIELD_SPECS[kind]) {
    if (spec.type === "messages") continue;
    const raw = form[spec.key];
    if (spec.type === "rows") {
      const rows = Array.isArray(raw) ? raw : [];
      if (rows.length === 0 && getPath(original, spec.key) === undefined) {
        setPath(fields, spec.key, undefined);
        continue;
      }
      setPath(
        fields,
        spec.key,
        rows.map((row) => {
          const out: Record<string, unknown> = { ...row.extra };
          for (const col of spec.columns) {
            const v = (row.values[col.key] ?? "").trim();
            if (v !== "" || col.keepBlank) out[col.key] = v;
            else delete out[col.key];
          }
          return out;
        }),
      );
      continue;
    }
    const text = typeof raw === "string" ? raw : "";
    switch (spec.type) {
      case "lines": {
        const lines = text
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
        // An empty list the entry already had stays an empty list, so opening and saving changes nothing.
        setPath(fields, spec.key, lines.length || Array.isArray(getPath(original, spec.key)) ? lines : undefined);
        break;
      }
      case "number": {
        const t = text.trim();
        setPath(fields, spec.key, t === "" ? undefined : Number.isFinite(Number(t)) ? Number(t) : t);
        break;
      }
      case "datetime":
        setPath(fields, spec.key, text.trim() === "" ? undefined : localInputToIso(text.trim()));
        break;
      case "select":
        setPath(fields, spec.key, text === "" ? undefined : text);
        break;
      default:
        setPath(fields, spec.key, text.trim() === "" ? undefined : text);
    }
  }
  return fields;
}

/** The label of a field path as the writer sees it ("fields.timeline.2.text" -> "Event 3 description"). */
export function fieldPathLabel(kind: EntryKind, path: string): string {
  const common: Record<string, string> = { title: "Title", summary: "Summary", body: "Body", tags: "Tags", services: "Services", teamId: "Team", visibility: "Visibility" };
  const head = common[path.split(".")[0]!];
  if (head) return head;
  const rest = path.startsWith("fields.") ? path.slice("fields.".length) : path;
  for (const spec of KIND_FIELD_SPECS[kind]) {
    if (rest === spec.key) return spec.label;
    if (!rest.startsWith(`${spec.key}.`)) continue;
    const tail = rest.slice(spec.key.length + 1).split(".");
    const index = Number(tail[0]);
    if (spec.type === "rows" && Number.isInteger(index)) {
      const col = spec.columns.find((c) => c.key === tail[1]);
      return col ? `${spec.itemLabel} ${index + 1} ${col.label}` : `${spec.itemLabel} ${index + 1}`;
    }
    if (spec.type === "lines" && Number.isInteger(index)) return `${spec.label}, line ${index + 1}`;
    return spec.label;
  }
  return rest;
}
