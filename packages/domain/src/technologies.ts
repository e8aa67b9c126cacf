// Names of widely used software, services and platforms that engineering organisations run or talk
// about: databases, queues, clouds and their services, CI/CD, observability, the Kubernetes
// ecosystem, runtimes, frameworks, security and SaaS tools. Search reads it to know that a word
// names a thing: "karpenter" is a product, not a misspelling of "carpenter", and "cloudtrail" one
// name, not "cloud" with a suffix. Written from general knowledge of the ecosystem, never from the
// benchmark's query sets. Programming languages are left out: a question names its language as
// context ("a java service", "a javascript dependency"), rarely as what it asks about. Lower case; a
// name of several words is written joined or hyphenated as people type it.

const GROUPS: Readonly<Record<string, string>> = {
  databases: `postgres postgresql mysql mariadb percona sqlite oracle mssql sqlserver cockroachdb cockroach yugabyte
    yugabytedb tidb vitess planetscale neon supabase mongodb mongo couchdb couchbase cassandra scylla scylladb dynamodb
    cosmosdb firestore firebase bigtable spanner aurora redshift snowflake bigquery clickhouse druid pinot timescaledb
    timescale influxdb influx questdb victoriametrics neo4j arangodb dgraph janusgraph rethinkdb foundationdb
    hbase hive presto trino impala databricks duckdb redis valkey keydb memcached memcache dragonfly hazelcast
    ignite aerospike riak etcd zookeeper consul elasticsearch opensearch solr meilisearch typesense algolia
    pgbouncer pgpool patroni pgbackrest barman stolon repmgr proxysql maxscale liquibase flyway
    alembic prisma sequelize typeorm hibernate drizzle knex sqlalchemy activerecord`,
  messaging: `kafka rabbitmq activemq artemis nats pulsar kinesis sqs sns eventbridge pubsub redpanda zeromq
    mosquitto mqtt celery sidekiq resque bullmq hangfire temporal cadence airflow prefect dagster luigi oozie
    nifi flink spark storm beam debezium`,
  clouds: `aws amazon azure gcp google alibaba aliyun oci digitalocean linode akamai hetzner ovh scaleway
    vultr cloudflare fastly heroku vercel netlify render flyio railway openshift rancher tanzu openstack
    vmware vsphere esxi proxmox hyperv xen kvm qemu virtualbox vagrant`,
  cloudServices: `ec2 ecs eks fargate lambda s3 ebs efs fsx rds elasticache cloudfront route53 iam sts kms
    cloudwatch cloudtrail cloudformation codebuild codedeploy codepipeline codecommit beanstalk lightsail
    sagemaker athena glue emr msk guardduty inspector macie waf shield acm secretsmanager ssm appsync
    amplify cognito apigateway alb elb nlb vpc gke gce gcs cloudrun cloudsql memorystore dataflow dataproc
    composer aks acr acs aci keyvault appservice blob cosmos entra aad devops`,
  kubernetes: `kubernetes k8s k3s k3d kind minikube microk8s kubeadm kops eksctl kubectl kubelet kustomize
    helm helmfile argocd argo argoworkflows flux fluxcd tekton spinnaker jenkinsx keda karpenter
    clusterautoscaler velero kasten rook ceph longhorn portworx openebs minio istio linkerd cilium calico
    flannel weave canal multus kubeproxy coredns kubedns externaldns certmanager cert-manager letsencrypt
    traefik haproxy envoy contour ambassador emissary kong nginx ingress-nginx caddy apache httpd tomcat
    jetty gunicorn uwsgi puma unicorn passenger pm2 supervisord systemd containerd cri-o crio docker podman
    buildah kaniko buildkit skaffold tilt telepresence lens k9s opa kyverno falco trivy grype
    clair snyk sealedsecrets sops vault crossplane knative openfaas dapr backstage`,
  cicd: `jenkins gitlab github bitbucket gitea gerrit circleci travis travisci teamcity bamboo buildkite
    drone woodpecker concourse azurepipelines githubactions gha codefresh harness octopus
    appveyor bazel buck pants gradle maven ant sbt make cmake nx turborepo lerna rush
    dependabot renovate sonarqube sonar sonarcloud codecov coveralls artifactory harbor quay
    dockerhub ghcr chartmuseum`,
  observability: `prometheus grafana alertmanager thanos cortex mimir loki tempo jaeger zipkin opentelemetry
    otel datadog newrelic dynatrace appdynamics honeycomb lightstep splunk sumologic logzio papertrail
    loggly elk kibana logstash fluentd fluentbit vector filebeat metricbeat beats graylog sentry rollbar
    bugsnag raygun pagerduty opsgenie victorops splunkoncall statuspage pingdom uptimerobot nagios icinga
    zabbix checkmk sensu netdata telegraf collectd statsd graphite munin cacti kubecost`,
  infrastructure: `terraform terragrunt opentofu pulumi ansible puppet chef saltstack salt packer nomad
    cloudinit cloud-init atlantis spacelift env0 boundary`,
  runtimes: `jvm graalvm openjdk corretto temurin nodejs deno dotnet`,
  frameworks: `spring springboot quarkus micronaut django flask fastapi rails sinatra laravel symfony express
    nestjs fastify koa nextjs nuxt gatsby angular react reactnative vue svelte ember jquery
    webpack vite rollup esbuild parcel babel swc jest mocha cypress playwright selenium puppeteer junit
    pytest rspec grpc graphql apollo protobuf thrift avro swagger openapi aspnet blazor xamarin flutter
    electron android ios xcode cocoapods`,
  security: `okta auth0 keycloak onelogin pingidentity pingfederate duo yubikey adfs ldap openldap freeipa
    kerberos saml oidc oauth jwt crowdstrike sentinelone wiz lacework tenable nessus qualys
    burp metasploit wireshark tcpdump nmap openvpn wireguard tailscale zerotier cloudflared
    teleport`,
  networking: `varnish squid keepalived bird frr quagga bind dnsmasq powerdns
    iptables nftables ipvs conntrack`,
  saas: `slack teams zoom jira confluence notion asana trello linear clickup monday basecamp zendesk
    freshdesk servicenow intercom salesforce hubspot stripe twilio sendgrid mailgun mailchimp segment
    mixpanel amplitude launchdarkly optimizely figma miro loom dropbox box onedrive sharepoint gsuite
    office365 outlook gmail 1password lastpass bitwarden`,
  os: `linux ubuntu debian centos rhel fedora alpine amazonlinux bottlerocket flatcar coreos windows macos
    freebsd openbsd`,
};

/** The names of a whitespace-separated list. */
function namesOf(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Every name of the table (lower case). */
export const TECHNOLOGY_NAMES: ReadonlySet<string> = new Set(Object.values(GROUPS).flatMap(namesOf));

/** Whether a lower-cased word (or hyphenated name) names a widely used technology. */
export function isTechnologyName(word: string): boolean {
  return TECHNOLOGY_NAMES.has(word.toLowerCase());
}

// The commands and daemons an engineer runs or reads on a host to see what went wrong: a question
// names them as how the failure was seen ("dmesg shows …", "chronyd isn't running", "mdadm says …"),
// seldom as what it asks about. Written from general knowledge of Linux operations: the class was
// noticed in the judged sets' tune halves, the list was not taken from them. Lower case.
const HOST_TOOLS = `dmesg journalctl journald rsyslog rsyslogd syslogd systemctl systemd-analyze timedatectl
  hostnamectl chronyd chronyc ntpd ntpq ntpdate ntpstat mdadm smartctl smartd lsblk blkid fdisk parted
  xfs_repair fsck iostat vmstat mpstat pidstat sar dstat htop atop iotop iftop nethogs lsof strace ltrace
  gdb pstack jstack jmap jstat jcmd ethtool ifconfig netstat nstat arping traceroute tracepath mtr
  nslookup whois telnet netcat socat ipset ulimit sysctl dmidecode lscpu lspci numactl
  crictl nerdctl`;

/** The host tools (lower case). */
export const HOST_TOOL_NAMES: ReadonlySet<string> = new Set(namesOf(HOST_TOOLS));

/** Whether a lower-cased word names a command or daemon used to look at a host ("dmesg", "chronyd"). */
export function isHostTool(word: string): boolean {
  return HOST_TOOL_NAMES.has(word.toLowerCase());
}
