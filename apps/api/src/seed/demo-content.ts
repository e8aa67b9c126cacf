// Demo workspace content for Hindsight: a fictional company ("Larkspur") with three teams, five
// people, ten published or draft learnings and one onboarding collection. Plain typed data only:
// the seeding code resolves handles, team slugs and entry keys to ids.
import type { CreateEntryInputRaw, EntryKind } from "@hindsight/domain";

export interface DemoTeam {
  slug: string;
  name: string;
  description: string;
}

export interface DemoUser {
  handle: string;
  name: string;
  email: string;
  orgRole: "member" | "admin";
  teams: { slug: string; role: "member" | "maintainer" }[];
}

export interface DemoEntry extends Omit<CreateEntryInputRaw, "teamId" | "grants"> {
  /** Stable key used by collections to reference the entry. */
  key: string;
  /** Owning team slug, or null for an org-wide entry. */
  team: string | null;
  /** Handle of the authoring user. */
  author: string;
  /** Team slugs granted access when visibility is "restricted". */
  grantTeams?: string[];
  kind: EntryKind;
}

export interface DemoCollection {
  slug: string;
  title: string;
  description: string;
  team: string;
  isOnboarding: boolean;
  sections: { title: string; items: { entry: string; note: string }[] }[];
}

export const demoTeams: DemoTeam[] = [
  {
    slug: "platform",
    name: "Platform",
    description:
      "Runs the shared foundations at Larkspur: edge-proxy, the Kubernetes clusters, orders-db and the other managed Postgres clusters, and the observability stack.",
  },
  {
    slug: "payments",
    name: "Payments",
    description:
      "Owns checkout-api, payments-gateway and the refunds pipeline, and the relationships with our card processors.",
  },
  {
    slug: "search",
    name: "Search & Discovery",
    description: "Owns search-indexer, search-api and the product catalogue relevance tuning.",
  },
];

export const demoUsers: DemoUser[] = [
  {
    handle: "mara.okafor",
    name: "Mara Okafor",
    email: "mara.okafor@example.com",
    orgRole: "admin",
    teams: [{ slug: "platform", role: "maintainer" }],
  },
  {
    handle: "tomas.lindqvist",
    name: "Tomás Lindqvist",
    email: "tomas.lindqvist@example.com",
    orgRole: "member",
    teams: [
      { slug: "payments", role: "maintainer" },
      { slug: "platform", role: "member" },
    ],
  },
  {
    handle: "ines.duarte",
    name: "Inês Duarte",
    email: "ines.duarte@example.com",
    orgRole: "member",
    // Joined the payments team this month; the onboarding collection is written for her.
    teams: [{ slug: "payments", role: "member" }],
  },
  {
    handle: "devon.achterberg",
    name: "Devon Achterberg",
    email: "devon.achterberg@example.com",
    orgRole: "member",
    teams: [{ slug: "search", role: "maintainer" }],
  },
  {
    handle: "sana.qureshi",
    name: "Sana Qureshi",
    email: "sana.qureshi@example.com",
    orgRole: "member",
    teams: [
      { slug: "search", role: "member" },
      { slug: "platform", role: "member" },
    ],
  },
];

export const demoEntries: DemoEntry[] = [
  // ---------------------------------------------------------------------------------------------
  // Postmortems
  // ---------------------------------------------------------------------------------------------
  {
    key: "pm-checkout-timeouts",
    kind: "postmortem",
    team: "payments",
    author: "tomas.lindqvist",
    visibility: "org",
    status: "published",
    title: "Checkout timeouts while orders-db ran out of connection slots",
    summary:
      "A planned scale-up of checkout-api opened more Postgres connections than orders-db allows. New pods passed readiness without a working database connection, and about 14% of checkout attempts failed for 47 minutes.",
    tags: ["postgres", "connection-pooling", "capacity", "readiness-probes"],
    services: ["checkout-api", "orders-db", "edge-proxy"],
    body: `# Checkout timeouts while orders-db ran out of connection slots

## Summary

On 14 September we raised the minimum replica count of **checkout-api** from 12 to 20 ahead of the autumn campaign. Each pod opens its own pool of 10 connections directly to **orders-db**. Together with reporting jobs, that went past \`max_connections\` (200) on the primary. Pods started after the change could not get a connection. Their readiness probe does not touch the database, so they received traffic anyway, and requests waited on an empty pool until edge-proxy gave up with a 502.

## Impact

- About 14% of checkout attempts failed or timed out between 09:04 and 09:51 UTC.
- Roughly 3,100 customers saw an error page; most retried and completed their order.
- No payment was captured without a matching order.

## What happened

The scale-up was a reviewed, routine change. Nothing in the review process showed the connection arithmetic: pool size lives in the service's config, replica counts live in the deploy manifests, and the database limit lives in the Postgres parameter group. Nobody could see all three numbers in one place.

The first page was a latency alert rather than an error-rate alert, so the first fifteen minutes went into looking at the payments-gateway dependency. Once we lined up 502s against pod start times, the cause was clear.

## What we changed

1. checkout-api now connects through **pgbouncer** in transaction mode. Its per-pod pool is 5, and pgbouncer's server pool to orders-db is capped at 80.
2. The readiness probe now runs \`SELECT 1\` through the pool with a 500 ms timeout.
3. There is a new alert when orders-db passes 80% of \`max_connections\`.
4. The deploy review template now asks: *does this change the number of database connections?*

\`\`\`yaml
# checkout-api values (excerpt)
database:
  host: pgbouncer-orders.internal
  port: 6432
  poolSize: 5
readiness:
  path: /healthz/ready   # includes a pooled SELECT 1
\`\`\`

See the related fix, *Postgres "remaining connection slots are reserved"*, for the general pattern.
`,
    fields: {
      severity: "SEV2",
      incident: {
        startedAt: "2026-09-14T09:04:00Z",
        detectedAt: "2026-09-14T09:12:00Z",
        mitigatedAt: "2026-09-14T09:51:00Z",
        resolvedAt: "2026-09-14T11:30:00Z",
      },
      customerImpact:
        "About 14% of checkout attempts failed or timed out for 47 minutes (09:04–09:51 UTC). Roughly 3,100 customers saw an error page; no payment was captured without an order.",
      timeline: [
        { at: "2026-09-14 09:00 UTC", text: "Planned change raises checkout-api minimum replicas from 12 to 20." },
        { at: "2026-09-14 09:04 UTC", text: "orders-db reaches max_connections; new connection attempts are refused." },
        { at: "2026-09-14 09:12 UTC", text: "Alert 'checkout-api p99 latency > 3s' pages the payments on-call engineer." },
        { at: "2026-09-14 09:16 UTC", text: "Incident channel opened and an incident commander assigned." },
        { at: "2026-09-14 09:21 UTC", text: "edge-proxy 502s found to come only from pods started after 09:00." },
        { at: "2026-09-14 09:29 UTC", text: "orders-db logs show 'remaining connection slots are reserved' errors." },
        { at: "2026-09-14 09:38 UTC", text: "checkout-api scaled back to 12 replicas; idle reporting sessions terminated." },
        { at: "2026-09-14 09:51 UTC", text: "Error rate back to baseline. Incident mitigated." },
        { at: "2026-09-14 11:30 UTC", text: "checkout-api moved behind pgbouncer after staging verification. Incident resolved." },
      ],
      contributingFactors: [
        "Connection pool size, replica count and max_connections are set in three different places, and no review showed their product.",
        "The readiness probe did not check database connectivity, so pods without connections took traffic.",
        "checkout-api connected to orders-db directly rather than through a pooler.",
        "Reporting jobs held idle connections for hours on the primary.",
      ],
      wentWell: [
        "Rolling back the replica count was a one-line change and took effect in under two minutes.",
        "The incident channel had a clear commander and a running summary from the start.",
        "Order and payment reconciliation confirmed there were no orphaned captures.",
      ],
      wentPoorly: [
        "The first alert was about latency, which sent the initial investigation towards payments-gateway.",
        "orders-db connection metrics were not on the checkout dashboard.",
        "We did not get the status page update out until 25 minutes into the incident.",
      ],
      gotLucky: [
        "The campaign email went out at 10:00, after mitigation; at that traffic level the impact would have been much larger.",
        "The reserved superuser slots let the DBA on call connect and terminate idle sessions.",
      ],
      actionItems: [
        { title: "Route checkout-api through pgbouncer in every environment", owner: "Tomás Lindqvist", team: "payments", dueDate: "2026-09-30", status: "done" },
        { title: "Add a database connectivity check to the checkout-api readiness probe", owner: "Inês Duarte", team: "payments", dueDate: "2026-10-15", status: "in_progress" },
        { title: "Put orders-db connection saturation on the checkout dashboard", owner: "Mara Okafor", team: "platform", dueDate: "2026-10-31", status: "open" },
        { title: "Move reporting jobs to the read replica", owner: "Mara Okafor", team: "platform", dueDate: "2027-01-31", status: "open" },
      ],
      lessonsLearned: [
        "Treat database connections as a capacity budget that each service is allotted, not a per-pod setting.",
        "Readiness should mean 'can serve a real request', including critical dependencies behind a timeout.",
        "Alert on the saturating resource (connections), not only on the symptom (latency).",
      ],
    },
  },
  {
    key: "pm-refund-webhook-replay",
    kind: "postmortem",
    team: "payments",
    author: "tomas.lindqvist",
    visibility: "team",
    status: "published",
    title: "Duplicate refund emails after a card processor replayed old webhooks",
    summary:
      "After recovering from their own outage, our primary card processor replayed three days of refund webhooks. payments-gateway only remembered idempotency keys for 24 hours, so 212 customers received a second 'refund issued' email. No money moved twice.",
    tags: ["webhooks", "idempotency", "redis", "third-party"],
    services: ["payments-gateway", "notifications"],
    body: `# Duplicate refund emails after a card processor replayed old webhooks

> Visible to the payments team only, because it describes a partner's internal outage that they shared with us in confidence.

## Summary

Brightpay, our primary card processor, had a queueing outage on their side from 30 July to 1 August. When it recovered, it replayed every \`refund.succeeded\` webhook from that period. **payments-gateway** deduplicates webhooks by the processor's event id, but it keeps those ids in Redis with a 24-hour TTL. Events older than a day looked new, so we handled them a second time.

The ledger has a unique constraint on \`(processor, refund_id)\`, so no second refund was recorded and no money moved. The notification step runs *before* the ledger write and is not transactional with it, so 212 customers got a second "your refund has been issued" email. A few of them contacted support asking whether they had been refunded twice.

## Timeline (UTC)

- **2 Aug 06:40**: replay starts; webhook volume goes to 9× normal.
- **2 Aug 06:55**: ledger unique-violation warnings show up on the payments dashboard.
- **2 Aug 07:20**: support raises a ticket about duplicate emails.
- **2 Aug 07:34**: refund notifications paused with the \`refunds.notify\` flag.
- **2 Aug 09:10**: replay finishes; notifications re-enabled with a ledger check in front of them.

## Why it made sense at the time

The 24-hour TTL matched the processor's documented retry window. Replaying days-old events was not something their documentation mentioned, and we had never seen it happen.

## Follow-ups

1. Deduplicate against the ledger (the durable record), not just a cache. **Done.**
2. Send notifications only after the ledger write commits, through the outbox. **Done.**
3. Ask Brightpay to document their replay behaviour. **In progress.**
4. Alert when webhook volume is more than 3× the hourly baseline. **Done.**

\`\`\`sql
-- the guard that kept this from being a money-movement incident
ALTER TABLE ledger_refunds
  ADD CONSTRAINT ledger_refunds_processor_refund_uniq UNIQUE (processor, refund_id);
\`\`\`
`,
    fields: {
      severity: "SEV3",
      incident: {
        startedAt: "2026-08-02T06:40:00Z",
        detectedAt: "2026-08-02T06:55:00Z",
        mitigatedAt: "2026-08-02T07:34:00Z",
        resolvedAt: "2026-08-02T09:10:00Z",
      },
      customerImpact:
        "212 customers received a duplicate 'refund issued' email. No duplicate refunds were recorded and no money moved twice.",
      timeline: [
        { at: "2026-08-02 06:40 UTC", text: "Processor begins replaying refund webhooks from 30 Jul–1 Aug." },
        { at: "2026-08-02 06:55 UTC", text: "Ledger unique-violation warnings appear on the payments dashboard." },
        { at: "2026-08-02 07:20 UTC", text: "Support raises a ticket about duplicate refund emails." },
        { at: "2026-08-02 07:34 UTC", text: "Refund notifications paused using the refunds.notify flag." },
        { at: "2026-08-02 09:10 UTC", text: "Replay ends; notifications resume behind a ledger check." },
      ],
      contributingFactors: [
        "Webhook deduplication relied on a Redis cache with a 24-hour TTL.",
        "Customer notifications were sent before, and separately from, the ledger write.",
        "The processor's replay behaviour after outages was undocumented.",
      ],
      wentWell: [
        "The ledger's unique constraint stopped any duplicate money movement.",
        "The refunds.notify flag let us stop emails without a deploy.",
        "Support escalated quickly and had a clear template for affected customers.",
      ],
      wentPoorly: [
        "The unique-violation warnings were not routed to anyone as a page.",
        "It took 40 minutes to connect the volume spike to the processor's outage notice.",
      ],
      gotLucky: [
        "The replay only included refunds. A replay of capture events would have hit a code path without the same ledger guard.",
      ],
      actionItems: [
        { title: "Deduplicate refund webhooks on the ledger, not a 24-hour cache", owner: "Inês Duarte", team: "payments", dueDate: "2026-08-31", status: "done" },
        { title: "Send refund emails only after the ledger write commits", owner: "Tomás Lindqvist", team: "payments", dueDate: "2026-09-15", status: "done" },
        { title: "Page on ledger unique-violation spikes", owner: "Mara Okafor", team: "platform", dueDate: "2026-10-01", status: "open" },
      ],
      lessonsLearned: [
        "Idempotency has to hold for as long as a partner can resend, not just for their documented retry window.",
        "Side effects that customers see should follow the durable write, not come before it.",
      ],
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Fixes
  // ---------------------------------------------------------------------------------------------
  {
    key: "fix-postgres-connection-slots",
    kind: "fix",
    team: "platform",
    author: "mara.okafor",
    visibility: "org",
    status: "published",
    title: 'Postgres "remaining connection slots are reserved": put the service behind pgbouncer',
    summary:
      "When a service's replicas times its pool size goes past max_connections, new connections fail and edge-proxy returns 502s. Route the service through pgbouncer in transaction mode and give it a connection budget.",
    tags: ["postgres", "pgbouncer", "connection-pooling", "502"],
    services: ["orders-db", "checkout-api", "edge-proxy"],
    body: `# Postgres "remaining connection slots are reserved"

## When you see this

A service that talks to one of our Postgres clusters (most often **orders-db**) starts failing right after a scale-up, a deploy or a batch job start. Older pods keep working and new pods fail. edge-proxy logs 502s for the affected upstreams.

## Why it happens

Postgres gives each client connection its own backend process and limits the total with \`max_connections\`. A few slots (\`superuser_reserved_connections\`) are held back for administrators. If every pod opens its own pool directly, the total is:

\`\`\`
replicas × pool_size + jobs + migrations + admin sessions
\`\`\`

A change that looks safe on its own, such as more replicas or a bigger pool, can push this over the limit. Raising \`max_connections\` is rarely the right answer: each backend costs memory, and performance gets worse well before the limit.

## The fix

1. Point the service at the cluster's **pgbouncer** endpoint (\`pgbouncer-<cluster>.internal:6432\`) instead of the primary.
2. Use \`pool_mode = transaction\`. Check that the service does not depend on session state: no session-level \`SET\`, no advisory locks held across transactions, and no server-side prepared statements unless the driver can handle them with pgbouncer 1.21+.
3. Set the per-pod pool small (3–5). pgbouncer multiplexes them.
4. Record the service's server-side budget in \`infra/postgres/<cluster>/budgets.yaml\`. CI fails if the budgets add up to more than 80% of \`max_connections\`.
5. Make the readiness probe run a pooled \`SELECT 1\` with a short timeout.

\`\`\`ini
; pgbouncer.ini (excerpt)
[databases]
orders = host=orders-db-primary.internal port=5432 pool_size=80
[pgbouncer]
pool_mode = transaction
max_client_conn = 2000
\`\`\`

## Check it worked

Scale the service to twice its normal replica count in staging. \`SHOW POOLS;\` in the pgbouncer admin console should show clients waiting briefly under load but never refused, and the server connection count on the primary should stay under the budget.
`,
    fields: {
      problem:
        "New connections to a Postgres cluster are refused because the total number of client connections has reached max_connections, usually right after a service scales up.",
      symptoms: [
        "Pods started after a scale-up fail while older pods keep serving.",
        "Requests hang until the pool acquire timeout, then fail.",
        "edge-proxy reports 502s or 504s for the affected upstream.",
        "orders-db connection count sits flat at its maximum.",
      ],
      errorSignatures: [
        "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
        "FATAL:  sorry, too many clients already",
        "Error: timeout exceeded when trying to connect",
        '2026/09/14 09:21:07 [error] 31#31: *88213 upstream prematurely closed connection while reading response header from upstream, client: 10.4.7.19, server: checkout.larkspur.example, request: "POST /v1/checkout HTTP/1.1", upstream: "http://10.12.3.41:8080/v1/checkout", host: "checkout.larkspur.example"',
      ],
      cause:
        "Each pod opens its own pool directly to the primary, so connections grow with replicas × pool size. A scale-up, a larger pool or an extra batch job pushes the total past max_connections, and Postgres refuses new non-superuser connections.",
      resolutionSteps: [
        "Immediately: scale the service back, or terminate idle sessions from batch jobs with pg_terminate_backend, to free slots.",
        "Point the service at the cluster's pgbouncer endpoint (port 6432) in transaction pooling mode.",
        "Lower the per-pod pool size to 3–5 connections.",
        "Add the service's server-side budget to infra/postgres/<cluster>/budgets.yaml so CI checks the total.",
        "Make the readiness probe run a pooled SELECT 1 with a 500 ms timeout.",
        "Add an alert at 80% of max_connections on the cluster.",
      ],
      appliesTo: {
        services: ["orders-db", "checkout-api", "refunds-worker"],
        technologies: ["postgres", "pgbouncer", "node-postgres", "nginx"],
        versions: ["postgres 15", "postgres 16", "pgbouncer 1.21+"],
      },
      verification:
        "In staging, scale the service to twice its usual replica count and run the checkout load profile. pgbouncer's SHOW POOLS should show no refused clients, server connections on the primary stay under the budget, and edge-proxy logs no 502s for the upstream.",
    },
  },
  {
    key: "fix-search-indexer-oom",
    kind: "fix",
    team: "search",
    author: "sana.qureshi",
    visibility: "org",
    status: "draft",
    title: "search-indexer OOM during full reindex: size the heap to the container and cap bulk requests by bytes",
    summary:
      "Full reindexes of the catalogue crashed search-indexer with Java heap exhaustion. The heap was sized for the old VM rather than the container, and bulk batches were capped by document count, not bytes. Draft: the byte cap is still being tuned.",
    tags: ["java", "jvm", "oom", "kubernetes", "reindex"],
    services: ["search-indexer"],
    body: `# search-indexer OOM during full reindex

> **Draft.** The heap settings are verified. The bulk byte cap is still being tuned against the holiday catalogue snapshot.

## Symptoms

The nightly full reindex fails part way through. Either the JVM throws \`OutOfMemoryError\` and the indexer exits, or Kubernetes kills the container with \`OOMKilled\` before the JVM notices. Incremental indexing during the day works fine.

## What is going on

Two separate things add up:

1. **Heap sized for the old VM.** The Helm chart still passed \`-Xmx6g\` from when search-indexer ran on 8 GB VMs. The container limit is now 4 GiB, so the JVM could grow its heap past what the container allows and get OOM-killed. Depending on timing, it sometimes threw a heap OOM first.
2. **Batches capped by count, not size.** The bulk writer flushes every 5,000 documents. Most catalogue documents are about 4 KB, but products with many variants and translated descriptions can be over 1 MB. A batch full of those holds hundreds of MB of JSON in memory, plus its serialised copy.

## Fix

Let the JVM size its heap from the container limit, and flush bulk requests by bytes as well as by count:

\`\`\`yaml
# charts/search-indexer/values.yaml
resources:
  limits:
    memory: 4Gi
env:
  JAVA_TOOL_OPTIONS: >-
    -XX:MaxRAMPercentage=70
    -XX:+ExitOnOutOfMemoryError
    -XX:+HeapDumpOnOutOfMemoryError
    -XX:HeapDumpPath=/dumps
indexer:
  bulk:
    maxDocs: 5000
    maxBytes: 15mb   # still tuning: 10mb vs 15mb
\`\`\`

\`ExitOnOutOfMemoryError\` makes the process exit cleanly so the job restarts from its last checkpoint instead of carrying on in a broken state.

## Open questions

- Is 15 MB the right cap, or does 10 MB give better throughput on the search cluster?
- Should the largest products be split into variant documents instead?
`,
    fields: {
      problem:
        "The nightly full reindex crashes search-indexer with heap exhaustion or a container OOM kill, leaving the catalogue index partially rebuilt.",
      symptoms: [
        "Full reindex job fails after 40–70% progress.",
        "Pod status shows OOMKilled, or logs end with a Java heap space error.",
        "Heap usage climbs in a sawtooth that gets taller when large products are processed.",
      ],
      errorSignatures: [
        'Exception in thread "bulk-writer-3" java.lang.OutOfMemoryError: Java heap space',
        "java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n\tat java.base/java.io.ByteArrayOutputStream.ensureCapacity(ByteArrayOutputStream.java:100)",
        "Last State: Terminated  Reason: OOMKilled  Exit Code: 137",
      ],
      cause:
        "The JVM heap was fixed at -Xmx6g, a value left over from 8 GB VMs, inside a 4 GiB container. Bulk batches were capped only by document count, so a batch of large multi-variant products could hold hundreds of megabytes.",
      resolutionSteps: [
        "Remove the fixed -Xmx and set -XX:MaxRAMPercentage=70 so the heap follows the container limit.",
        "Add -XX:+ExitOnOutOfMemoryError and heap dumps to /dumps for diagnosis.",
        "Add a maxBytes cap to the bulk writer (currently testing 10–15 MB) alongside maxDocs.",
        "Confirm the reindex job resumes from its checkpoint after a restart.",
      ],
      appliesTo: {
        services: ["search-indexer"],
        technologies: ["java", "jvm", "kubernetes", "opensearch"],
        versions: ["temurin 21"],
      },
      verification:
        "Run a full reindex in staging against the holiday catalogue snapshot. Peak container memory should stay below 85% of the limit, with no OOMKilled restarts and no heap space errors in the logs.",
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Runbooks
  // ---------------------------------------------------------------------------------------------
  {
    key: "rb-orders-db-failover",
    kind: "runbook",
    team: "platform",
    author: "mara.okafor",
    visibility: "restricted",
    grantTeams: ["platform"],
    status: "published",
    title: "Fail orders-db over to a replica with Patroni",
    summary:
      "How to promote an orders-db replica when the primary is unhealthy and Patroni has not failed over on its own, and how to check that pgbouncer and checkout-api follow the new leader.",
    tags: ["postgres", "patroni", "failover", "database"],
    services: ["orders-db", "pgbouncer", "checkout-api"],
    body: `# Fail orders-db over to a replica

Restricted to the platform team because it needs superuser access to the orders-db cluster.

## Before you start

- Declare an incident and name an incident commander. Manual failover is never a solo action.
- Open the **orders-db / replication** dashboard.
- Check whether Patroni is already failing over on its own. It usually is, and the safest thing is to let it finish.

## Procedure

Follow the structured steps on this entry in order. The short version:

\`\`\`bash
# 1. who is leader, and how far behind are the replicas?
patronictl -c /etc/patroni/orders-db.yml list

# 2. promote the healthiest replica
patronictl -c /etc/patroni/orders-db.yml failover orders-db --candidate orders-db-2 --force

# 3. confirm pgbouncer sees the new primary
psql -h pgbouncer-orders.internal -p 6432 -U pgbouncer pgbouncer -c 'SHOW SERVERS;'
\`\`\`

## Choosing a candidate

Pick the replica with the **lowest replay lag** in the same region. If every replica is more than 30 seconds behind, stop and escalate. Promoting one would lose committed orders, and that decision belongs to the incident commander together with the payments on-call.

## After failover

- pgbouncer re-resolves \`orders-db-primary.internal\` within 5 seconds (\`dns_max_ttl = 5\`, set after the September game day).
- checkout-api should recover by itself. If its error rate has not recovered after 2 minutes, do a rolling restart.
- Reinstate the old primary as a replica with \`patronictl reinit\` once it is healthy. Do not bring it back as leader during the incident.

## Notes

Patroni's \`maximum_lag_on_failover\` is 1 MB. If a manual failover is refused because of lag, that is the safety check doing its job, not something to override.
`,
    fields: {
      purpose:
        "Promote a healthy orders-db replica to primary when the current primary is unavailable or degraded and automatic failover has not completed, keeping data loss at zero.",
      whenToUse: [
        "The orders-db primary is unreachable or is refusing writes and Patroni has not promoted a replica within 2 minutes.",
        "A planned switchover is needed for maintenance on the primary host (use 'switchover' instead of 'failover').",
      ],
      prerequisites: [
        "An incident is declared and has an incident commander.",
        "You are in the platform team and can reach the orders-db bastion.",
        "The orders-db / replication dashboard is open.",
      ],
      steps: [
        {
          text: "Check cluster state and replica lag.",
          command: "patronictl -c /etc/patroni/orders-db.yml list",
          expected: "One member is Leader (or missing), replicas are 'streaming' with a lag in MB shown for each.",
        },
        {
          text: "Put checkout-api into read-only mode so it returns a friendly error rather than timing out.",
          command: "kubectl -n payments set env deploy/checkout-api ORDERS_DB_READONLY=true",
          expected: "Rollout completes; checkout shows the 'orders are paused' banner.",
        },
        {
          text: "Promote the replica with the lowest lag in the same region.",
          command: "patronictl -c /etc/patroni/orders-db.yml failover orders-db --candidate orders-db-2 --force",
          expected: "Patroni reports 'orders-db-2' as the new Leader within 30 seconds.",
        },
        {
          text: "Confirm the new primary accepts writes.",
          command: "psql -h orders-db-primary.internal -U hindsight_check -d orders -c 'SELECT pg_is_in_recovery();'",
          expected: "pg_is_in_recovery = f",
        },
        {
          text: "Confirm pgbouncer is connected to the new primary.",
          command: "psql -h pgbouncer-orders.internal -p 6432 -U pgbouncer pgbouncer -c 'SHOW SERVERS;'",
          expected: "Server connections point at orders-db-2's address and are in 'active' or 'idle' state.",
        },
        {
          text: "Take checkout-api out of read-only mode.",
          command: "kubectl -n payments set env deploy/checkout-api ORDERS_DB_READONLY-",
          expected: "Checkout error rate returns to baseline within 2 minutes.",
        },
      ],
      rollback:
        "Do not fail back during the incident. Once the old primary is healthy, run 'patronictl reinit orders-db orders-db-1' to rebuild it as a replica. Schedule a planned switchover later if the original host should be leader again.",
      escalation:
        "Page the platform database secondary (rotation 'platform-db'). If every replica is more than 30 seconds behind, involve the payments on-call and the incident commander before promoting anything.",
      reviewIntervalDays: 90,
      lastReviewedAt: "2026-10-02T10:00:00Z",
    },
  },
  {
    key: "rb-payments-processor-failover",
    kind: "runbook",
    team: "payments",
    author: "tomas.lindqvist",
    visibility: "org",
    status: "published",
    title: "Route payments-gateway to the secondary card processor",
    summary:
      "How to move card authorisations from Brightpay to Kestrel Payments when Brightpay is degraded, and how to move them back. Review overdue: last checked more than a year ago.",
    tags: ["payments", "failover", "feature-flags", "third-party"],
    services: ["payments-gateway", "checkout-api"],
    body: `# Route payments-gateway to the secondary card processor

payments-gateway sends card authorisations to **Brightpay** (primary) by default. **Kestrel Payments** is the warm secondary: our contract lets us send up to 40% of peak volume there at short notice, and all of it for up to 72 hours during a declared incident.

## When to use this

- Brightpay's authorisation error rate is above 5% for 5 minutes, or their status page reports an incident affecting authorisations.
- Brightpay p99 latency is above 4 seconds and checkout conversion is dropping.

Do **not** use this for refunds. Refunds must go back to the processor that took the original payment, and payments-gateway handles that routing on its own.

## How it works

Routing is controlled by the \`payments.processor.primary\` flag. Changing it affects new authorisations only. Authorisations already in flight finish with the processor they started on.

\`\`\`bash
larkctl flags get payments.processor.primary --env prod
larkctl flags set payments.processor.primary=kestrel --env prod --reason "INC-1234 Brightpay degraded"
\`\`\`

Check the **payments-gateway / processors** dashboard: the Kestrel share should climb to 100% within about a minute.

## Things to know

- Kestrel does not support our stored-credential tokens for a small set of older cards. Those customers will be asked to re-enter their card details. Expect about 2% of returning customers to see this.
- 3-D Secure challenges are served from Kestrel's own domain. The checkout CSP already allows it.
- Tell finance in #finance-ops. Settlement files arrive from both processors for that day.

## Moving back

Once Brightpay has been healthy for 30 minutes, set the flag back to \`brightpay\`. Move back outside peak hours if you can.
`,
    fields: {
      purpose:
        "Keep card payments working when the primary processor (Brightpay) is degraded by routing new authorisations to the secondary processor (Kestrel Payments).",
      whenToUse: [
        "Brightpay authorisation error rate above 5% for 5 minutes.",
        "Brightpay p99 authorisation latency above 4 seconds with checkout conversion dropping.",
        "Brightpay declares an incident affecting authorisations.",
      ],
      prerequisites: [
        "An incident is declared (the Kestrel contract's full-volume allowance requires one).",
        "You can run larkctl against prod with the payments-operator role.",
        "The payments-gateway / processors dashboard is open.",
      ],
      steps: [
        {
          text: "Confirm the current routing.",
          command: "larkctl flags get payments.processor.primary --env prod",
          expected: "payments.processor.primary = brightpay",
        },
        {
          text: "Check that Kestrel is healthy before sending traffic.",
          command: "curl -fsS https://payments-gateway.internal/health/processors | jq '.kestrel'",
          expected: '{"status":"ok","latencyMs":<300}',
        },
        {
          text: "Switch new authorisations to Kestrel.",
          command:
            'larkctl flags set payments.processor.primary=kestrel --env prod --reason "<incident id>: Brightpay degraded"',
          expected: "Flag updated; Kestrel share on the processors dashboard reaches ~100% within 60 seconds.",
        },
        {
          text: "Watch authorisation success rate for 10 minutes.",
          expected: "Success rate returns to within 1 percentage point of the 7-day baseline.",
        },
        {
          text: "Tell finance in #finance-ops that settlement will arrive from both processors today.",
        },
      ],
      rollback:
        "Once Brightpay has been healthy for 30 minutes, run 'larkctl flags set payments.processor.primary=brightpay --env prod' and confirm the Brightpay share returns to ~100%. Refunds are unaffected either way.",
      escalation:
        "Payments on-call secondary, then the payments engineering manager. For contract questions (volume caps, fees) contact the payments partnerships lead via #payments-partners.",
      reviewIntervalDays: 90,
      lastReviewedAt: "2025-10-14T09:00:00Z",
    },
  },

  // ---------------------------------------------------------------------------------------------
  // ChatOps transcripts
  // ---------------------------------------------------------------------------------------------
  {
    key: "tr-checkout-timeouts-war-room",
    kind: "transcript",
    team: "payments",
    author: "tomas.lindqvist",
    visibility: "org",
    status: "published",
    title: "War room: checkout timeouts and orders-db connection exhaustion (14 Sep)",
    summary:
      "The incident channel from the checkout timeouts incident, from the first page to mitigation, including the thread where the connection arithmetic was worked out.",
    tags: ["incident", "postgres", "connection-pooling"],
    services: ["checkout-api", "orders-db", "edge-proxy"],
    body: `# War room: checkout timeouts (14 September)

Exported from \`#inc-2026-09-14-checkout\` and lightly trimmed. The full write-up is in the postmortem *Checkout timeouts while orders-db ran out of connection slots*.

## How to read this

- The **main channel** shows the incident commander's status updates and decisions.
- The **thread** under the 09:21 message is where the cause was found. It is a good example of using timestamps to correlate two signals: 502s from edge-proxy against pod start times.

## Worth noticing

- The commander posts a short status every few minutes, even when there is no news. That kept support and the campaign team from asking for updates in the channel.
- The rollback is suggested as a *mitigation to try while we keep investigating*, not as a conclusion, which let it go ahead without debate.
- Everyone names the systems and the signals, not the people who made changes. The scale-up was a normal change, and the channel treats it that way.

## Commands that were used

\`\`\`bash
kubectl -n payments get pods -l app=checkout-api \\
  --sort-by=.status.startTime -o wide
kubectl -n payments scale deploy/checkout-api --replicas=12
psql -h orders-db-primary.internal -U dba -d orders \\
  -c "SELECT usename, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;"
\`\`\`

## Follow-ups raised in the channel

1. Add orders-db connection count to the checkout dashboard.
2. Move checkout-api behind pgbouncer.
3. Make the readiness probe check the database.

All three are done. See the postmortem for details.
`,
    fields: {
      channel: "#inc-2026-09-14-checkout",
      messages: [
        {
          ts: "1789377180.000100",
          user: "PagerBot",
          text: ":rotating_light: checkout-api p99 latency > 3s (currently 8.4s). Paging payments on-call.",
        },
        {
          ts: "1789377240.000200",
          user: "Tomás Lindqvist",
          text: "Ack. Opening this channel. I'm IC for now. First look: latency is up across all checkout routes, and edge-proxy is returning 502s on some of them.",
        },
        {
          ts: "1789377360.000300",
          user: "Tomás Lindqvist",
          text: "Status 09:16: ~14% of checkout requests failing. payments-gateway latency looks normal, so probably not the processor. Still investigating.",
        },
        {
          ts: "1789377660.000400",
          user: "Sana Qureshi",
          text: "Platform here. The 502s are not spread evenly: they're all from checkout-api pods started in the last 20 minutes. Going to line up start times.",
        },
        {
          ts: "1789377720.000500",
          user: "Sana Qureshi",
          text: "Confirmed: the 8 pods started at 09:00 are serving 100% of the 502s. The original 12 are fine.",
          threadTs: "1789377660.000400",
        },
        {
          ts: "1789377900.000600",
          user: "Mara Okafor",
          text: "That's the min-replicas change for the campaign, 12 → 20. Each pod has a pool of 10 to orders-db directly, so 200 from checkout alone, and max_connections is 200.",
          threadTs: "1789377660.000400",
        },
        {
          ts: "1789378140.000700",
          user: "Mara Okafor",
          text: "orders-db log: `FATAL: remaining connection slots are reserved for non-replication superuser connections`. Reporting jobs are holding another 30 idle.",
          threadTs: "1789377660.000400",
        },
        {
          ts: "1789378200.000800",
          user: "Tomás Lindqvist",
          text: "Proposal: scale checkout-api back to 12 as a mitigation while we keep looking, and terminate the idle reporting sessions. Any objections? Going ahead in 2 minutes otherwise.",
        },
        {
          ts: "1789378680.000900",
          user: "Mara Okafor",
          text: "Scaled to 12 and terminated 28 idle reporting sessions. Connections on orders-db down to 152.",
        },
        {
          ts: "1789379460.001000",
          user: "Tomás Lindqvist",
          text: "Status 09:51: error rate back to baseline. Calling this mitigated. Follow-ups: connection dashboard, pgbouncer for checkout-api, DB-aware readiness. Postmortem owner: me. Thanks all.",
        },
      ],
    },
  },
  {
    key: "tr-search-reindex-oom",
    kind: "transcript",
    team: "search",
    author: "devon.achterberg",
    visibility: "org",
    status: "published",
    title: "#search-oncall: nightly reindex OOM-killed (21 Oct)",
    summary:
      "A short on-call conversation about the nightly full reindex being OOM-killed, the quick mitigation (resume from checkpoint with smaller batches), and the thread that found the stale -Xmx setting.",
    tags: ["java", "oom", "reindex", "on-call"],
    services: ["search-indexer"],
    body: `# #search-oncall: nightly reindex OOM-killed

Exported from \`#search-oncall\` on 21 October. This was not declared as an incident: search kept serving the previous index the whole time, and the only effect was a catalogue that was six hours out of date.

## Why it is worth keeping

- It shows the **resume-from-checkpoint** procedure for the reindex job, which is not written down anywhere else yet.
- The thread is a short, clear example of checking a JVM flag against the container limit. The same mismatch has turned up in other Java services since moving off VMs.

## Mitigation used

\`\`\`bash
# resume from the last checkpoint with smaller batches
kubectl -n search create job reindex-resume-$(date +%s) \\
  --from=cronjob/search-indexer-full-reindex
kubectl -n search set env job/reindex-resume-... \\
  INDEXER_BULK_MAX_DOCS=1000 INDEXER_RESUME=true
\`\`\`

With smaller batches the job finished at 05:10 UTC, and the alias swap to the new index happened as normal.

## Outcome

The durable fix (heap sized from the container, bulk requests capped by bytes) is being written up as the fix *search-indexer OOM during full reindex*, which is still a draft while the byte cap is tuned.

## Takeaways

1. Alias swaps meant a failed reindex never reached customers. Keep it that way.
2. Any fixed \`-Xmx\` in a Helm chart is a warning sign. Prefer \`MaxRAMPercentage\`.
3. The on-call handover note should say whether a reindex is still running.
`,
    fields: {
      channel: "#search-oncall",
      messages: [
        {
          ts: "1792550820.000100",
          user: "AlertBot",
          text: "search-indexer-full-reindex job failed: pod search-indexer-full-reindex-28811-x7q2k Terminated (OOMKilled, exit 137) at 62% progress.",
        },
        {
          ts: "1792550880.000200",
          user: "Devon Achterberg",
          text: "Looking. Search is still serving yesterday's index (alias hasn't swapped), so no customer impact, just stale catalogue.",
        },
        {
          ts: "1792550940.000300",
          user: "Devon Achterberg",
          text: "Last log line before the kill: `Exception in thread \"bulk-writer-3\" java.lang.OutOfMemoryError: Java heap space`. It was writing the home & garden partition.",
        },
        {
          ts: "1792551060.000400",
          user: "Sana Qureshi",
          text: "Home & garden has those furniture products with 200+ variants. Is the heap even sized for the container? The limit is 4Gi.",
          threadTs: "1792550940.000300",
        },
        {
          ts: "1792551180.000500",
          user: "Devon Achterberg",
          text: "…the chart passes -Xmx6g. Left over from when we ran on 8 GB VMs. So the JVM thinks it can use more than the container allows.",
          threadTs: "1792550940.000300",
        },
        {
          ts: "1792551300.000600",
          user: "Sana Qureshi",
          text: "That explains the OOMKilled-vs-heap-OOM flip-flop. I'll draft a fix: MaxRAMPercentage=70 plus a byte cap on bulk batches.",
          threadTs: "1792550940.000300",
        },
        {
          ts: "1792551900.000700",
          user: "Devon Achterberg",
          text: "For tonight: resumed from checkpoint with INDEXER_BULK_MAX_DOCS=1000. Progress 64% and climbing, memory flat at 2.6Gi.",
        },
        {
          ts: "1792559400.000800",
          user: "Devon Achterberg",
          text: "Reindex finished 05:10, alias swapped. Handing over to day shift with a note about the chart fix.",
        },
      ],
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Game days
  // ---------------------------------------------------------------------------------------------
  {
    key: "gd-orders-db-failover",
    kind: "gameday",
    team: "platform",
    author: "mara.okafor",
    visibility: "org",
    status: "published",
    title: "Game day: kill the orders-db primary in staging",
    summary:
      "We stopped the orders-db primary in staging under checkout load. Patroni promoted a replica in 22 seconds, but checkout-api took over 4 minutes to recover because pgbouncer kept a cached DNS answer for the old primary.",
    tags: ["game-day", "postgres", "patroni", "pgbouncer", "dns"],
    services: ["orders-db", "pgbouncer", "checkout-api"],
    body: `# Game day: kill the orders-db primary in staging

**Date:** 29 September · **Environment:** staging, with production-shaped data and the checkout load profile at 60% of peak · **Participants:** platform and payments on-call, with an observer from search.

## Why

After the September checkout timeouts we moved checkout-api behind pgbouncer. That added a component between the service and the database, so we wanted to know whether a primary failure would still recover without anyone stepping in.

## What we did

1. Started the checkout load profile and waited for a steady baseline.
2. Announced the injection in \`#gameday\` and on the staging status page.
3. Stopped Postgres on the primary without warning:

\`\`\`bash
ssh orders-db-1.staging 'sudo systemctl kill --signal=SIGKILL postgresql@16-main'
\`\`\`

4. Watched, without stepping in, for 10 minutes, or until the abort condition (checkout error rate > 50% for 5 minutes) was hit.

## What happened

- Patroni noticed the failure and promoted orders-db-2 in **22 seconds**. ✅
- The \`orders-db-primary\` DNS record updated within 5 seconds. ✅
- pgbouncer kept connecting to the **old** address for **4 min 10 s**. Our chart set \`dns_max_ttl = 300\`, left over from an old effort to reduce DNS load, so pgbouncer kept using its cached answer for the old primary. ❌
- checkout-api returned errors for the whole window. It recovered on its own once pgbouncer reconnected. ✅ (eventually)
- The "orders-db has no leader" alert fired within 30 seconds and paged the right rotation. ✅

## What we changed

- pgbouncer: \`dns_max_ttl = 5\`, \`server_login_retry = 2\`, and \`server_check_delay = 5\`.
- The failover runbook now includes checking pgbouncer with \`SHOW SERVERS;\`.
- Re-run in staging on 13 October: end-to-end recovery in **41 seconds**.
`,
    fields: {
      hypothesis:
        "If the orders-db primary fails under checkout load, Patroni promotes a replica within 30 seconds and checkout-api recovers without human intervention within 60 seconds.",
      blastRadius:
        "Staging only. Checkout load generator at 60% of production peak. Abort if the checkout error rate stays above 50% for 5 minutes, or if the replica lag on the candidate exceeds 1 MB before injection.",
      failureInjected:
        "SIGKILL to the Postgres process on the staging orders-db primary (orders-db-1), with no prior switchover.",
      expected:
        "Leader promoted in under 30 seconds; pgbouncer reconnects to the new primary within seconds; checkout-api error rate returns to baseline within 60 seconds; the no-leader alert pages platform on-call.",
      observed:
        "Leader promoted in 22 seconds and DNS updated within 5 seconds, but pgbouncer kept using its cached address for the old primary (dns_max_ttl was 300 seconds) for 4 minutes 10 seconds. checkout-api errored for the whole window, then recovered on its own. The alert fired correctly.",
      findings: [
        "pgbouncer's reconnect behaviour, not Patroni, was the slowest part of recovery.",
        "Lower pgbouncer dns_max_ttl from 300 to 5 and set server_login_retry = 2 and server_check_delay = 5 on all clusters.",
        "The failover runbook did not include checking pgbouncer; added a SHOW SERVERS step.",
        "checkout-api's retry budget kept requests waiting too long during the outage; reduce the pool acquire timeout to 2 seconds.",
        "Re-run on 13 October recovered end to end in 41 seconds.",
      ],
    },
  },
  {
    key: "gd-edge-proxy-zone-loss",
    kind: "gameday",
    team: "platform",
    author: "sana.qureshi",
    visibility: "org",
    status: "published",
    title: "Game day: lose one payments-gateway zone behind edge-proxy",
    summary:
      "We black-holed one of three payments-gateway zones. edge-proxy marked the upstreams down as designed, but each first request to a dead upstream waited the full 60-second connect timeout, so customers saw slow 504s instead of a fast failover.",
    tags: ["game-day", "nginx", "timeouts", "availability-zones"],
    services: ["edge-proxy", "payments-gateway", "checkout-api"],
    body: `# Game day: lose one payments-gateway zone behind edge-proxy

**Date:** 20 October · **Environment:** production, during the low-traffic window (02:00–03:00 UTC), with the payments team on the call.

## Why

payments-gateway runs in three zones behind **edge-proxy** (nginx). We expected that losing a zone would cost at most a few failed requests while nginx's passive health checks marked those upstreams down. We had never actually checked.

## Setup

The injection dropped all packets from edge-proxy to the payments-gateway pods in zone **c**. Connections were not refused; packets simply disappeared, which is what a network partition looks like from the proxy's side:

\`\`\`bash
# applied to the zone-c node pool by the chaos controller
larkctl chaos netem --target pool=payments-zone-c \\
  --drop 100% --from app=edge-proxy --duration 10m
\`\`\`

Abort condition: authorisation success rate below 97% for 3 minutes.

## What happened

- nginx marked each zone-c upstream down after one failure (\`max_fails=1 fail_timeout=10s\`). ✅
- But that "one failure" took **60 seconds** to happen: \`proxy_connect_timeout\` was never set, so the nginx default applied. Each time an upstream came back from \`fail_timeout\`, one unlucky request waited a full minute. ❌
- Those requests reached customers as 504s after the checkout UI had already shown a spinner for a minute.
- POST /authorise was, correctly, **not** retried on another upstream. Authorisations are not idempotent at the proxy layer. ✅

\`\`\`
upstream timed out (110: Connection timed out) while connecting to upstream,
client: 10.4.2.88, server: pay.larkspur.example,
request: "POST /v1/authorise HTTP/1.1",
upstream: "http://10.20.9.14:8443/v1/authorise"
\`\`\`

## Changes

- \`proxy_connect_timeout 2s\` for all internal upstreams. Connecting inside the cluster takes well under 10 ms, so 2 seconds is generous.
- \`fail_timeout=30s\` so dead upstreams stay out of rotation longer.
- Active health checks for payments-gateway through the upstream health module, so upstreams are marked down before customer traffic finds them.
`,
    fields: {
      hypothesis:
        "If one of the three payments-gateway zones becomes unreachable, edge-proxy stops sending traffic to it within 10 seconds and fewer than 0.5% of authorisations fail during the event.",
      blastRadius:
        "Production, 02:00–03:00 UTC low-traffic window, one zone of payments-gateway (about a third of authorisation traffic). Abort if authorisation success rate is below 97% for 3 minutes.",
      failureInjected:
        "100% packet drop from edge-proxy to payments-gateway pods in zone c for 10 minutes (a black hole, not connection refusals).",
      expected:
        "Zone-c upstreams marked down after the first failed connection; a handful of fast failures; no retries of non-idempotent POSTs.",
      observed:
        "Upstreams were marked down as designed, but each detection took the default 60-second connect timeout. Every 10 seconds, when fail_timeout ended, one request per upstream waited a minute and returned a 504. Authorisation success was 98.9% at its lowest point, above the abort threshold. POSTs were correctly not retried.",
      findings: [
        "proxy_connect_timeout was unset, so nginx's 60-second default applied; set to 2s for internal upstreams.",
        "fail_timeout of 10s let dead upstreams back into rotation too often; raised to 30s.",
        "Passive health checks alone cost one slow customer request per upstream per interval; added active health checks for payments-gateway.",
        "Non-idempotent POST /v1/authorise was correctly excluded from proxy_next_upstream; keep a test for this.",
        "The edge-proxy dashboard had no panel for upstream connect time; added one.",
      ],
    },
  },
];

export const demoCollections: DemoCollection[] = [
  {
    slug: "payments-onboarding",
    title: "Payments onboarding",
    description:
      "Your first two weeks on the payments team: how checkout has failed before, what we changed, and how to operate payments-gateway when a dependency has problems. Read in order, and ask in #payments when something doesn't make sense.",
    team: "payments",
    isOnboarding: true,
    sections: [
      {
        title: "How checkout fails (and what we learned)",
        items: [
          {
            entry: "pm-checkout-timeouts",
            note: "Start here. Our most recent SEV2, and a good picture of how checkout-api, orders-db and edge-proxy depend on each other.",
          },
          {
            entry: "tr-checkout-timeouts-war-room",
            note: "The same incident as it happened. Notice how the IC posts status updates and proposes the mitigation.",
          },
          {
            entry: "fix-postgres-connection-slots",
            note: "The general fix behind that incident. Check your service's connection budget before any scale-up.",
          },
        ],
      },
      {
        title: "Operating payments-gateway",
        items: [
          {
            entry: "rb-payments-processor-failover",
            note: "The runbook you are most likely to use on call. It is overdue for review, so reviewing it with a maintainer is a good first task.",
          },
          {
            entry: "gd-edge-proxy-zone-loss",
            note: "What happens when a payments-gateway zone disappears, and why connect timeouts matter more than you'd think.",
          },
        ],
      },
    ],
  },
];
