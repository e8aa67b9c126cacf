// The raw material for generated entries and queries, taken from the real corpus so the load looks
// like what engineers write: prose paragraphs and sentences, error-looking lines, alert names,
// service-like names and the frequent content words. Extraction is deterministic (sorted, no
// randomness); the generator does the sampling.
import type { CorpusDoc } from "./corpus.js";

export interface Vocabulary {
  paragraphs: string[];
  sentences: string[];
  /** Error or log lines, without timestamps (the generator adds its own). */
  errorLines: string[];
  /** Prometheus alert names, e.g. KubeletTooManyPods. */
  alertNames: string[];
  /** Service-like labels (valid tags/services: lowercase, digits, . _ / : + -). */
  services: string[];
  /** Frequent content words, most frequent first. */
  words: string[];
  /** Titles of the corpus documents. */
  titles: string[];
}

const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can " +
    "could did do does doing down during each few for from further had has have having he her here hers herself him himself his how " +
    "i if in into is it its itself just let me more most my myself no nor not now of off on once only or other our ours ourselves out " +
    "over own same she should so some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves " +
    "that's it's don't there's we're they're isn't wasn't aren't weren't can't won't didn't doesn't been also however therefore thus " +
    "will shall may might must need needs one two three via per etc e.g i.e get got use used using make made see seen"
  ).split(/\s+/),
);

const ERROR_PATTERN =
  /\b(error|errors|failed|failure|failing|refused|denied|timeout|timed out|exception|unable to|cannot|can't|oomkilled|crashloopbackoff|unavailable|unhealthy|evicted|502|503|504|notready)\b/i;
const LABEL = /^[a-z0-9][a-z0-9._/:+-]*$/;

/** Markdown -> prose blocks and code lines: drops front matter, tables, images, link targets, markup. */
function splitMarkdown(markdown: string): { prose: string[]; code: string[] } {
  const text = markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  const prose: string[] = [];
  const code: string[] = [];
  let inFence = false;
  let block: string[] = [];
  const flush = () => {
    if (block.length) prose.push(block.join(" "));
    block = [];
  };
  for (const raw of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(raw)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (raw.trim()) code.push(raw.trim());
      continue;
    }
    const line = raw.trim();
    // Headings, tables, rules and reference-link definitions ("[name]: https://…") are not prose.
    if (!line || line.startsWith("#") || line.startsWith("|") || /^[-=*_]{3,}$/.test(line) || /^\[[^\]]+\]:/.test(line)) {
      flush();
      continue;
    }
    const cleaned = line
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replace(/https?:\/\/\S+/g, "")
      .replace(/[*_`]/g, "")
      .replace(/^\s*([-+]|\d+\.)\s+/, "")
      .trim();
    if (/^\s*([-+*]|\d+\.)\s+/.test(line)) {
      // A list item is its own block: lists read badly when glued into one paragraph.
      flush();
      if (cleaned) prose.push(cleaned);
      continue;
    }
    if (cleaned) block.push(cleaned);
  }
  flush();
  return { prose, code };
}

const byCountThenName = (counts: Map<string, number>) =>
  [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k]) => k);

export function buildVocabulary(docs: readonly CorpusDoc[]): Vocabulary {
  const paragraphs = new Set<string>();
  const sentences = new Set<string>();
  const errorLines = new Set<string>();
  const wordCounts = new Map<string, number>();
  const serviceCounts = new Map<string, number>();
  const alertNames = new Set<string>();
  const components = new Set<string>();
  const titles = new Set<string>();

  for (const doc of docs) {
    titles.add(doc.title.trim());
    if (doc.kind === "runbook") {
      const parts = doc.id.split("/");
      const alert = parts[parts.length - 1];
      const component = parts[parts.length - 2];
      if (alert && /^[A-Za-z][A-Za-z0-9]+$/.test(alert)) alertNames.add(alert);
      if (component && LABEL.test(component)) components.add(component);
    }
    const { prose, code } = splitMarkdown(doc.markdown);
    for (const block of prose) {
      const p = block.replace(/\s+/g, " ").trim();
      if (p.length >= 80 && p.length <= 700) paragraphs.add(p);
      for (const s of p.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
        if (s.length >= 30 && s.length <= 250 && /[.!?]$/.test(s)) sentences.add(s);
      }
      for (const w of p.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? []) {
        const word = w.replace(/^['-]+|['-]+$/g, "");
        if (word.length >= 4 && !STOP_WORDS.has(word) && !word.includes("'")) {
          if (word.includes("-")) serviceCounts.set(word, (serviceCounts.get(word) ?? 0) + 1);
          else wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
        }
      }
    }
    for (const line of code) {
      for (const name of line.toLowerCase().match(/\b[a-z][a-z0-9]+(?:-[a-z0-9]+)+\b/g) ?? []) serviceCounts.set(name, (serviceCounts.get(name) ?? 0) + 1);
    }
    // Few real log lines survive in postmortems, so short error-describing sentences stand in for
    // the message part of one; the generator wraps them in a timestamp, pod and request id.
    for (const line of [...code, ...prose.flatMap((p) => p.split(/(?<=[.!?])\s+(?=[A-Z])/))]) {
      const l = line.replace(/\s+/g, " ").trim();
      if (l.length >= 25 && l.length <= 120 && ERROR_PATTERN.test(l) && !/^title:/i.test(l) && !l.endsWith("?")) errorLines.add(l);
    }
  }

  const services = [
    ...[...components].sort(),
    ...byCountThenName(serviceCounts).filter((s) => serviceCounts.get(s)! >= 3 && s.length <= 40 && LABEL.test(s) && !components.has(s)),
  ].slice(0, 48);

  const vocab: Vocabulary = {
    paragraphs: [...paragraphs].sort(),
    sentences: [...sentences].sort(),
    errorLines: [...errorLines].sort(),
    alertNames: [...alertNames].sort(),
    services,
    words: byCountThenName(wordCounts)
      .filter((w) => wordCounts.get(w)! >= 3)
      .slice(0, 500),
    titles: [...titles].sort(),
  };
  for (const [name, list] of Object.entries(vocab)) {
    if ((list as string[]).length === 0) throw new Error(`the corpus gave no ${name} to generate from`);
  }
  return vocab;
}
