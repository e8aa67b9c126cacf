// Small hand-written documents in the corpus's shapes, so generator and client tests run without
// the shared corpus; and the shared corpus itself, with a skip reason when it is absent.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CORPUS, type CorpusDoc } from "../corpus.js";

export const corpusSkipReason = existsSync(join(DEFAULT_CORPUS, "README.md")) ? null : `no shared corpus at ${DEFAULT_CORPUS}`;

const runbook = (component: string, alert: string, meaning: string, diagnosis: string): CorpusDoc => ({
  id: `prometheus-operator-runbooks/${component}/${alert}`,
  kind: "runbook",
  title: alert.replace(/([a-z])([A-Z])/g, "$1 $2"),
  path: `prometheus-operator-runbooks/${component}/${alert}.md`,
  url: `https://example.test/runbooks/${component}/${alert}.md`,
  markdown: `---\ntitle: ${alert}\n---\n\n# ${alert}\n\n## Meaning\n\n${meaning}\n\n## Diagnosis\n\n${diagnosis}\n\n\`\`\`shell\nkubectl -n kube-system logs deploy/kube-state-metrics\nlevel=error msg="Creating target failed" err="connection refused"\n\`\`\`\n`,
});

export const FIXTURE_DOCS: CorpusDoc[] = [
  {
    id: "fixture/PM2020-004",
    kind: "postmortem",
    title: "CoreDNS upgrade issue",
    path: "fixture/PM2020-004 - CoreDNS upgrade issue.md",
    url: "https://example.test/PM2020-004%20-%20CoreDNS%20upgrade%20issue.md",
    markdown:
      "# CoreDNS upgrade issue\n\n## Summary\n\nAfter upgrading the cluster, the CoreDNS pods were crashing repeatedly because the memory limit was too low for the query load. " +
      "Name resolution failed for many services and requests timed out across the platform until the limit was raised.\n\n" +
      "## Timeline\n\n- 09:12 Alert fired for elevated DNS error rates in the monitoring dashboard.\n- 09:30 The team rolled back the configuration and the cluster recovered slowly.\n\n" +
      "## Lessons learned\n\nWe should test upgrades of critical components in a staging cluster first. Monitoring of resolver latency gives an early warning before users notice failures.\n",
  },
  {
    id: "fixture/PM2021-005",
    kind: "postmortem",
    title: "All services returning 503 in Kubernetes",
    path: "fixture/PM2021-005 - All services returning 503 in Kubernetes.md",
    url: "https://example.test/PM2021-005%20-%20All%20services%20returning%20503.md",
    markdown:
      "# All services returning 503\n\n## Summary\n\nThe ingress controller Traefik lost its configuration after a deployment and every service behind it returned 503 errors to customers. " +
      "The platform team restored the previous release and traffic recovered within thirty minutes of the first report.\n\n" +
      "Connection refused errors were seen in the ingress logs. The deployment pipeline did not check the ingress configuration before rollout, so the broken change reached production.\n",
  },
  runbook(
    "kubernetes",
    "KubeletTooManyPods",
    "The kubelet is running at more than ninety percent of its pod capacity on a node. New pods cannot be scheduled on this node and may stay pending for a long time.",
    "Check the number of pods on each node and the configured maximum. Failed scheduling events explain which node is full and why the scheduler could not place the workload.",
  ),
  runbook(
    "node",
    "NodeHighNumberConntrackEntriesUsed",
    "The number of conntrack entries is close to the limit of the kernel table. When the table is full, new connections are dropped and requests fail with timeouts.",
    "Inspect the conntrack table usage on the node and find the workloads opening many short connections. Unable to open new connections is the usual symptom seen by services.",
  ),
];
