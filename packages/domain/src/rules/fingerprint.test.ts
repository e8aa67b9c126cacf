import { describe, expect, it } from "vitest";
import { extractErrorSignatures, fingerprintError, fnv1a64Hex, looksLikeError, normalizeErrorLine } from "./fingerprint.js";

// Lines marked [corpus] are quoted from ../shared/corpus (prometheus-operator runbooks, Apache-2.0;
// DFDS postmortems, MIT). The rest are shaped after common Kubernetes, JVM, Go, Node, Python, nginx
// and Postgres output.

describe("normalizeErrorLine", () => {
  it.each([
    [
      // [corpus] runbooks/alertmanager/AlertmanagerFailedReload
      String.raw`level=error ts=2021-09-24T11:24:52.69629226Z caller=runutil.go:101 msg="function failed. Retrying in next tick" err="trigger reload: reload request failed: Post \"http://localhost:9093/alertmanager/-/reload\": dial tcp [::1]:9093: connect: connection refused"`,
      String.raw`level=error caller=runutil.go msg="function failed. retrying in next tick" err="trigger reload: reload request failed: post \"http://localhost:9093/alertmanager/-/reload\": dial tcp <ip>:9093: connect: connection refused"`,
    ],
    [
      // [corpus] runbooks/prometheus/PrometheusDuplicateTimestamps
      `level=warn ts=2021-01-04T15:08:55.613Z caller=scrape.go:1372 component="scrape manager" scrape_pool=default/main-ingress-nginx-controller/0 target=http://10.0.7.3:10254/metrics msg="Error on ingesting samples with different value but same timestamp" num_dropped=16`,
      `level=warn caller=scrape.go component="scrape manager" scrape_pool=default/main-ingress-nginx-controller/<n> target=http://<ip>:10254/metrics msg="error on ingesting samples with different value but same timestamp" num_dropped=<n>`,
    ],
    [
      // [corpus] runbooks/alertmanager/AlertmanagerClusterCrashlooping (kubectl get pods)
      "default     alertmanager-main-0     1/2     CrashLoopBackOff    37107 2d",
      "default alertmanager-main-<n> <n>/<n> crashloopbackoff <n> <duration>",
    ],
    [
      'Mar 12 10:15:32 ip-10-0-1-2.eu-west-1.compute.internal kubelet[1234]: E0312 10:15:32.123456    1234 pod_workers.go:191] Error syncing pod 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b ("api-7d9f8b6c5-x2x9z_default(3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b)"), skipping: failed to "StartContainer" for "api" with CrashLoopBackOff',
      '<host> kubelet[<n>]: e pod_workers.go] error syncing pod <uuid> ("api-<pod>_default(<uuid>)"), skipping: failed to "startcontainer" for "api" with crashloopbackoff',
    ],
    [
      "ERROR 2024-03-12 10:15:32,123 [pool-3-thread-7] c.e.OrderService - Timeout after 30000ms waiting for lock on /tmp/locks/order-8812.lock",
      "error [pool-<n>-thread-<n>] c.e.orderservice - timeout after <duration> waiting for lock on /tmp/<path>",
    ],
    [
      '10.1.2.3 - - [12/Mar/2024:10:15:32 +0000] "GET /api/v1/orders/12345 HTTP/1.1" 502 157 "-" "curl/8.1"',
      '<ip> - - "get /api/v1/orders/<n> http/<n>" 502 <n> "-" "curl/<n>"',
    ],
    ["Last State: Terminated  Reason: OOMKilled  Exit Code: 137", "last state: terminated reason: oomkilled exit code: 137"],
    [
      '2024/03/12 10:15:32 [error] 31#31: *1234 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, server: shop.example.com',
      "[error] <n>#<n>: *<n> upstream timed out (<n>: connection timed out) while reading response header from upstream, client: <ip>, server: shop.example.com",
    ],
    ["Mar 12 10:15:32 web-1 systemd[1]: app.service: Main process exited, code=exited, status=1/FAILURE", "web-<n> systemd[<n>]: app.service: main process exited, code=exited, status=1/failure"],
    [
      'psycopg2.OperationalError: connection to server at "10.0.4.12", port 5432 failed: FATAL:  sorry, too many clients already',
      'psycopg2.operationalerror: connection to server at "<ip>", port 5432 failed: fatal: sorry, too many clients already',
    ],
    ["dial tcp 10.0.3.17:5432->10.0.9.8:41822: read: connection reset by peer", "dial tcp <ip>:5432-><ip>:<port>: read: connection reset by peer"],
    ["\tat com.acme.orders.OrderService.place(OrderService.java:142)", "at com.acme.orders.orderservice.place(orderservice.java)"],
    ["CVE-2021-44228 exploited in log4j-core 2.14.1", "cve-2021-44228 exploited in log4j-core <n>"],
    ["ORA-00942: table or view does not exist", "ora-00942: table or view does not exist"],
    ["`Error: connect ECONNREFUSED 127.0.0.1:6379`", "error: connect econnrefused <ip>:6379"],
    ["\u001b[31mFATAL\u001b[0m  worker 3 crashed", "fatal worker <n> crashed"],
  ])("%s", (line, normal) => {
    expect(normalizeErrorLine(line)).toBe(normal);
  });
});

describe("fingerprintError: one failure, one fingerprint", () => {
  it.each([
    [
      "2024-03-12T10:15:32.123Z ERROR dial tcp 10.0.3.17:5432: connect: connection refused",
      "2024-05-01T22:01:09Z ERROR dial tcp 10.0.8.2:5432: connect: connection refused",
    ],
    [
      "Error: connect ECONNREFUSED 127.0.0.1:6379",
      "[2024-03-12 10:15:32] Error: connect ECONNREFUSED 10.0.0.12:6379",
    ],
    [
      "Back-off restarting failed container api in pod api-7d9f8b6c5-x2x9z_default(1b4e28ba-2fa1-11d2-883f-0016d3cca427)",
      "Back-off restarting failed container api in pod api-5c6b8d9f47-qq7wm_default(6fa459ea-ee8a-3ca4-894e-db77e160355e)",
    ],
    [
      "Mar 12 10:15:32 ip-10-0-1-2.eu-west-1.compute.internal kernel: Memory cgroup out of memory: Killed process 4242 (java)",
      "Apr  3 07:02:11 ip-10-0-7-199.eu-west-1.compute.internal kernel: Memory cgroup out of memory: Killed process 1187 (java)",
    ],
    [
      "java.util.concurrent.TimeoutException: request 7f3e2a10-55c1-4c8e-9d0b-1a2b3c4d5e6f timed out after 1523ms",
      "java.util.concurrent.TimeoutException: request 0d9c8b7a-6f5e-4d3c-b2a1-0f9e8d7c6b5a timed out after 30011ms",
    ],
    [
      "\tat com.acme.orders.OrderService.place(OrderService.java:142)",
      "at com.acme.orders.OrderService.place(OrderService.java:157)",
    ],
    [
      'upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, request: "GET /orders/991 HTTP/1.1", upstream: "http://10.2.0.7:8080/orders/991?page=2"',
      'upstream timed out (110: Connection timed out) while reading response header from upstream, client: 172.16.4.9, request: "GET /orders/12 HTTP/1.1", upstream: "http://10.2.0.9:8080/orders/12?page=7"',
    ],
    [
      "failed to write /tmp/upload-8812/part-0003.bin: no space left on device",
      "failed to write /tmp/upload-1/part-9.bin: no space left on device",
    ],
    [
      "POST /v1/charge 503 Service Unavailable request_id=req_8f7d6c5b4a trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
      "POST /v1/charge 503 Service Unavailable request_id=req_11aa22bb33 trace_id=00f067aa0ba902b7aa0ba902b700f067",
    ],
    [
      "dial tcp [2001:db8::1]:443: i/o timeout",
      "dial tcp [2001:db8:0:0:8:800:200c:417a]:443: i/o timeout",
    ],
    [
      "pull image sha256:9b2a4f0c1d7e3a5b8c6d4e2f0a1b3c5d7e9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b: manifest unknown",
      "pull image sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef: manifest unknown",
    ],
    [
      "fluentd-x2x9z 0/1 CrashLoopBackOff 12 (3m ago) 40m",
      "fluentd-7bq4c 0/1 CrashLoopBackOff 3 (45s ago) 2h",
    ],
  ])("%s ~ %s", (a, b) => {
    expect(normalizeErrorLine(a)).toBe(normalizeErrorLine(b));
    expect(fingerprintError(a)).toBe(fingerprintError(b));
  });
});

describe("fingerprintError: different failures, different fingerprints", () => {
  it.each([
    ["Error: connect ECONNREFUSED 127.0.0.1:6379", "Error: connect ETIMEDOUT 127.0.0.1:6379"],
    ["Error: connect ECONNREFUSED 10.0.0.5:5432", "Error: connect ECONNREFUSED 10.0.0.5:6379"],
    ["Last State: Terminated  Reason: Error  Exit Code: 137", "Last State: Terminated  Reason: Error  Exit Code: 1"],
    ["GET /api/orders HTTP/1.1 502 Bad Gateway", "GET /api/orders HTTP/1.1 504 Gateway Timeout"],
    ["java.lang.NullPointerException at OrderService.place(OrderService.java:142)", "java.lang.IllegalStateException at OrderService.place(OrderService.java:142)"],
    ['ERROR: duplicate key value violates unique constraint "orders_pkey"', 'ERROR: duplicate key value violates unique constraint "payments_pkey"'],
    ["ORA-00942: table or view does not exist", "ORA-01017: invalid username/password; logon denied"],
    ["FATAL:  sorry, too many clients already", "FATAL:  remaining connection slots are reserved for non-replication superuser connections"],
    ["[Errno 111] Connection refused", "[Errno 113] No route to host"],
  ])("%s != %s", (a, b) => {
    expect(fingerprintError(a)).not.toBe(fingerprintError(b));
  });
});

describe("fnv1a64Hex", () => {
  // Published FNV-1a 64-bit test vectors (Landon Curt Noll's reference set).
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("%j -> %s", (input, hash) => expect(fnv1a64Hex(input)).toBe(hash));

  it("fingerprints are 16 lower-case hex digits and hash UTF-8, not UTF-16", () => {
    expect(fingerprintError("Ошибка: соединение отклонено")).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64Hex("é")).not.toBe(fnv1a64Hex("\u00e9".normalize("NFD")));
  });
});

describe("looksLikeError", () => {
  it.each([
    "java.lang.OutOfMemoryError: Java heap space",
    "TypeError: Cannot read properties of undefined (reading 'id')",
    "\tat com.acme.orders.OrderService.place(OrderService.java:142)",
    '  File "/app/worker.py", line 88, in handle',
    "Traceback (most recent call last):",
    "panic: runtime error: invalid memory address or nil pointer dereference",
    "goroutine 1 [running]:",
    "Error: connect ECONNREFUSED 127.0.0.1:6379",
    "ECONNRESET",
    "CrashLoopBackOff",
    "Last State: Terminated  Reason: OOMKilled  Exit Code: 137",
    "command terminated with exit code 137",
    "HTTP/1.1 503 Service Unavailable",
    '10.1.2.3 - - [12/Mar/2024:10:15:32 +0000] "GET /api HTTP/1.1" 502 157',
    // Access-log lines with a 4xx status, or with the status before the request (load balancers).
    '192.0.2.44 - alice [03/Feb/2025:17:02:11 +0100] "POST /login HTTP/2.0" 403 61 "-" "okhttp/4.12"',
    'https 2025-02-03T16:02:11.004918Z app/edge-lb/7f3e9a 192.0.2.44:40122 10.9.8.7:8443 0.001 0.052 0.000 504 504 310 0 "PUT https://shop.example.org:443/cart/7 HTTP/1.1" "curl/8.5" -',
    "2024-03-12T10:15:32Z WARN consumer group rebalancing took too long",
    "E0312 10:15:32.123456    1234 pod_workers.go:191] Error syncing pod",
    "FATAL:  sorry, too many clients already",
    "tls: failed to verify certificate: x509: certificate signed by unknown authority",
    "ORA-00942: table or view does not exist",
    // [corpus] runbooks/prometheus/PrometheusTargetSyncFailure
    'level=error ... msg="Creating target failed" ...',
    "dial tcp: lookup orders.default.svc.cluster.local on 10.3.0.10:53: no such host",
    'Error from server (NotFound): deployments.apps "web" not found',
    "Error from server (Forbidden): pods is forbidden: User cannot list resource",
    "fatal: not a git repository (or any of the parent directories): .git",
    "Error creating bucket: BucketAlreadyExists",
    // Kernel lines as dmesg prints them (seconds since boot) with a failure word but no level.
    "[ 412.004117] Out of memory: Killed process 2231 (java) total-vm:8123456kB",
    "[91234.118220] nfs: server filer01 not responding, timed out",
    "[    3.981001] EXT4-fs (sdb1): unable to read superblock",
    // Structured JSON logs and kubectl events.
    '{"level":"warn","ts":"2025-01-02T03:04:05Z","msg":"slow fsync","took":"1.2s"}',
    '{"severity":"ERROR","message":"quota lookup failed"}',
    '{"msg":"request finished","error":"context canceled"}',
    "Warning  FailedAttachVolume  pod/db-0  AttachVolume.Attach failed for volume pvc-1",
    // Syslog and journald lines are pasted output whatever they say.
    "Mar  3 07:12:09 web-04 systemd[1]: Started Daily apt upgrade and clean activities.",
    "Nov 21 23:05:44.118 ip-10-1-2-3 zorbd[881]: handing over to the standby",
    // The same copied without its date and host: a program and its pid before a colon.
    "frobd[4410]: handing the lease over to the standby node",
    // A failure word beside ids only a machine prints (a UUID, a generated pod name, an address).
    "Container web in pod shop-7f9c6d8b4-xk2vq_prod(0c9d2f7e-1a2b-4c3d-8e9f-001122334455) failed liveness probe, will be restarted",
    "upstream 10.4.2.9 unavailable for the third time",
    // A sentence around a pasted message: an exception's class name, a level in capitals, a
    // "label: message" colon or kubectl's columns mark the machine's part.
    "the build fails with java.lang.OutOfMemoryError while compiling the android project",
    "every deploy logs ERROR out of memory and the pods restart",
    "the node says no space left on device: write /var/lib/docker/tmp failed",
    "Warning  BackoffLimitExceeded  job/nightly  Job has reached the specified backoff limit",
  ])("error: %s", (text) => expect(looksLikeError(text)).toBe(true));

  it.each([
    "database failover runbook",
    "kafka lag",
    // [corpus] queries-dev.jsonl
    "persistent volume provisioning errors",
    "KubeAPIErrorBudgetBurn",
    "daemonset pods not scheduled",
    "watchdog alert always firing",
    // [corpus] postmortem titles
    "ALB 502 errors",
    "All services returning 503 in Kubernetes",
    "Prometheus is down with connection refused errors",
    "Root cause: the certificate expired on Sunday",
    "how do I rotate the postgres password",
    "error budget burn rate alert",
    "Error handling in the payment service",
    // A kernel timestamp alone is not a failure.
    "[ 0.000000] Linux version 6.1.0-18-amd64",
    // JSON that is not a log line at fault, and prose that starts with a warning.
    '{"level":"info","msg":"server started"}',
    "Warning: this runbook is out of date",
    // A date in a question, and a failure word without machine ids, are the user's own words.
    "Mar 3 outage review notes",
    "deploy failed for the shop api after the upgrade",
    // Square brackets in a question are not a pid.
    "what does [1] mean in the alert summary",
    "runbook step [2]: drain the node",
    // A question in plain words that names a failure the way people say it is a question.
    "gradle daemon keeps running out of memory while compiling the android project",
    "the jenkins agent says no space left on device every time it builds the docker image",
    "half the checkout pods sit in CrashLoopBackOff since the config change this morning",
    "",
  ])("not an error: %j", (text) => expect(looksLikeError(text)).toBe(false));
});

describe("extractErrorSignatures", () => {
  const body = [
    "# Checkout 502s",
    "",
    "Pods were in CrashLoopBackOff for an hour while the team investigated the cause of the outage.",
    // [corpus] PM2022-009: a short list item that names a state, not a pasted line
    "- Alerting not catching NodeNotReady/Sockets",
    "| 2024-03-12 10:15 | Node starts reporting \"no space left on device\" |",
    "The worker logged `Error: connect ECONNREFUSED 10.0.0.12:6379` on every retry.",
    "",
    "```",
    "2024-03-12T10:15:32Z ERROR checkout-7d9f8b6c5-x2x9z java.net.SocketTimeoutException: Read timed out",
    "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)",
    "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)",
    "2024-03-12T10:16:01Z ERROR checkout-7d9f8b6c5-k8p2w java.net.SocketTimeoutException: Read timed out",
    "Caused by: java.net.ConnectException: Connection refused",
    "```",
    "",
    "```promql",
    'rate(grpc_server_handled_total{grpc_code=~"DeadlineExceeded"}[5m])',
    "```",
  ].join("\n");

  it("takes error lines from code blocks, inline code and quoted messages, once per fingerprint, without frames or prose", () => {
    expect(extractErrorSignatures(body)).toEqual([
      "no space left on device",
      "Error: connect ECONNREFUSED 10.0.0.12:6379",
      "2024-03-12T10:15:32Z ERROR checkout-7d9f8b6c5-x2x9z java.net.SocketTimeoutException: Read timed out",
      "Caused by: java.net.ConnectException: Connection refused",
    ]);
  });

  it("caps the number of signatures", () => {
    const many = Array.from({ length: 50 }, (_, i) => `ERROR job-${String.fromCharCode(97 + (i % 26))}${i >= 26 ? "x" : ""} failed: exit code ${i}`).join("\n");
    expect(extractErrorSignatures(many)).toHaveLength(20);
    expect(extractErrorSignatures(many, { max: 3 })).toHaveLength(3);
  });

  it("finds nothing in a runbook without errors", () => {
    // [corpus] runbooks/kubernetes/KubePodNotReady
    expect(extractErrorSignatures("## Diagnosis\n\n- Check pod events via `kubectl -n $NAMESPACE describe pod $POD`.\n")).toEqual([]);
  });
});

// Pastes are large and sometimes odd (a base64 image, a minified bundle); no pattern may go quadratic.
const HOSTILE = ["x-".repeat(100_000), "a ` b ".repeat(50_000), "data:image/png;base64," + "A".repeat(300_000)];

describe("fingerprint functions on hostile input", () => {
  it.each(HOSTILE.map((t) => [t.slice(0, 12), t]))("%s… finishes quickly", (_label, text) => {
    const t = performance.now();
    fingerprintError(text);
    looksLikeError(text);
    extractErrorSignatures(text);
    expect(performance.now() - t).toBeLessThan(1_500);
  });
});
