// Abbreviations and synonyms engineers use for the same thing, for search: someone types "hpa" where
// the runbook says "autoscaler", "pvc" where the postmortem says "volume claim", "k8s" for
// "kubernetes". One small curated table for every search engine (the embedded one and Meilisearch),
// reviewable here and tested; written from common operations vocabulary, never derived from the
// benchmark's query sets. Team- or stack-specific words belong in entries' tags instead.

/** Groups of interchangeable terms: every member finds the others. A member may be a phrase. */
export const SEARCH_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Kubernetes and its objects
  ["k8s", "kubernetes", "kube"],
  ["hpa", "autoscaler", "autoscaling"],
  ["pvc", "volume claim"],
  ["pv", "persistent volume"],
  ["ns", "namespace"],
  ["cm", "configmap"],
  ["sts", "statefulset"],
  ["ds", "daemonset"],
  ["svc", "service"],
  ["apiserver", "api server"],
  ["oom", "out of memory", "oomkilled"],
  ["crashloop", "crashloopbackoff", "crash loop"],
  ["cronjob", "cron", "scheduled job"],
  // Infrastructure
  ["lb", "load balancer"],
  ["db", "database"],
  ["pg", "postgres", "postgresql"],
  ["cert", "certificate"],
  ["tls", "ssl"],
  ["vm", "virtual machine"],
  ["disk", "filesystem", "fs"],
  ["mem", "memory", "ram"],
  ["dns", "name resolution"],
  ["nic", "network interface", "network card"],
  ["az", "availability zone"],
  ["sg", "security group"],
  ["asg", "auto scaling group"],
  ["tf", "terraform"],
  ["ado", "azure devops"],
  ["gha", "github actions"],
  // Symptoms, as people describe them and as write-ups name them
  ["slow", "slowness", "latency"],
  ["outage", "downtime"],
  ["vuln", "vulnerability", "cve"],
  ["expiry", "expiration"],
  // HTTP statuses by name
  ["500", "internal server error"],
  ["502", "bad gateway"],
  ["503", "service unavailable"],
  ["504", "gateway timeout"],
  ["429", "too many requests"],
  ["401", "unauthorized"],
  ["403", "forbidden"],
  // Words and their short forms
  ["config", "configuration", "cfg"],
  ["conn", "connection"],
  ["err", "error"],
  ["req", "request"],
  ["stg", "staging"],
  ["auth", "authentication"],
  ["authz", "authorization"],
  ["creds", "credentials"],
  ["env", "environment"],
  ["prod", "production"],
  ["deploy", "deployment"],
  ["repo", "repository"],
  ["max", "maximum"],
  ["min", "minimum"],
  ["perf", "performance"],
  ["deps", "dependencies"],
  ["infra", "infrastructure"],
  ["prom", "prometheus"],
  ["rollback", "roll back"],
  ["timeout", "timed out"],
  ["postmortem", "post mortem"],
  ["rca", "root cause"],
  ["ha", "high availability"],
  ["dr", "disaster recovery"],
];

/** One-way expansions: a class names its members, not the other way round (502 must not find 503). */
export const ONE_WAY_SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  "5xx": ["500", "502", "503", "504"],
  "4xx": ["400", "401", "403", "404", "429"],
};

/** What a term (a word or a phrase, any case) also finds: its group's other members and its one-way expansion. */
export function searchSynonyms(term: string): readonly string[] {
  return BY_TERM.get(term.toLowerCase()) ?? [];
}

/** Every term with a synonym, and what it finds (the shape Meilisearch's settings take). */
export function searchSynonymMap(): Record<string, string[]> {
  return Object.fromEntries([...BY_TERM].map(([k, v]) => [k, [...v]]));
}

const BY_TERM = new Map<string, string[]>();
function add(from: string, to: readonly string[]): void {
  const list = BY_TERM.get(from) ?? [];
  for (const t of to) if (t !== from && !list.includes(t)) list.push(t);
  BY_TERM.set(from, list);
}
for (const group of SEARCH_SYNONYM_GROUPS) for (const term of group) add(term, group);
for (const [from, to] of Object.entries(ONE_WAY_SEARCH_SYNONYMS)) add(from, to);
