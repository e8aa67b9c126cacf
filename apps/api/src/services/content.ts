// What happens to an entry's text on every save, whatever the kind or the way in: secrets are
// redacted before anything is stored or indexed, and error signatures are fingerprinted.
import {
  extractErrorSignatures,
  fingerprintError,
  redactDeep,
  redactSecrets,
  type EntryKind,
  type RedactionFinding,
} from "@hindsight/domain";

export interface Redaction extends RedactionFinding {
  /** Where in the entry: title, summary, body, or fields.<path>. */
  path: string;
}

export interface Content {
  title: string;
  summary: string;
  body: string;
  fields: Record<string, unknown>;
}

export interface CleanContent extends Content {
  fingerprints: string[];
  redactions: Redaction[];
}

const MAX_FINGERPRINTS = 50;

export function cleanContent(kind: EntryKind, content: Content): CleanContent {
  const redactions: Redaction[] = [];
  const text = (path: "title" | "summary" | "body") => {
    const r = redactSecrets(content[path]);
    redactions.push(...r.findings.map((f) => ({ ...f, path })));
    return r.text;
  };
  const title = text("title");
  const summary = text("summary");
  const body = text("body");
  const deep = redactDeep(content.fields);
  redactions.push(...deep.findings.map((f) => ({ ...f, path: f.path ? `fields.${f.path}` : "fields" })));
  const fields = deep.value;

  // A fix's declared signatures first, then error lines quoted in any entry's text: a pasted error
  // then finds the runbook or postmortem that shows it, not only fixes.
  const signatures = [
    ...(kind === "fix" ? ((fields.errorSignatures as string[] | undefined) ?? []) : []),
    ...extractErrorSignatures(body),
  ];
  const fingerprints = [...new Set(signatures.map(fingerprintError))].slice(0, MAX_FINGERPRINTS);
  return { title, summary, body, fields, fingerprints, redactions };
}
