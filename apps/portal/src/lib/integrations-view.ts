// What the chat integrations page says about each tool: where the webhook URL and secret go in the
// tool, how the tool signs, and whether the admin pastes the tool's own token. Pure.
import { INTEGRATION_KINDS, INTEGRATION_LABELS, integrationSigning, toolIssuesSecret, type IntegrationKind } from "@hindsight/domain";

export interface IntegrationSetup {
  label: string;
  /** The admin pastes the tool's token when creating (Mattermost, Teams). */
  pasteSecret: boolean;
  /** What the secret field asks for, when pasted. */
  secretLabel: string | null;
  /** Where the URL and the secret go, step by step. */
  steps: string[];
}

export const KIND_OPTIONS = INTEGRATION_KINDS.map((kind) => ({ value: kind, label: INTEGRATION_LABELS[kind] }));

export function integrationSetup(kind: IntegrationKind): IntegrationSetup {
  const label = INTEGRATION_LABELS[kind];
  const signing = integrationSigning(kind);
  const steps: Record<IntegrationKind, string[]> = {
    mattermost: [
      "In Mattermost: Integrations > Outgoing Webhooks > Add. Content type application/x-www-form-urlencoded or application/json.",
      "Trigger word: hindsight. Callback URL: the webhook URL below.",
      "Save, copy the token Mattermost shows, and paste it here.",
    ],
    rocketchat: [
      "In Rocket.Chat: Administration > Integrations > New > Outgoing. Event trigger: Message sent. Trigger word: hindsight.",
      "URLs: the webhook URL below. Token: the secret below.",
    ],
    teams: [
      "In Teams: the team's … > Manage team > Apps > Create an outgoing webhook. Name it Hindsight; callback URL: the webhook URL below.",
      "Copy the security token Teams shows, and paste it here. People then write @Hindsight <query>.",
    ],
    hubot: [
      "Have the Hubot script POST JSON ({text, user: {id, name}, channel, messages?}) to the webhook URL below.",
      "Sign each request: X-Hindsight-Timestamp (seconds), X-Hindsight-Signature: sha256=<hex HMAC-SHA256 of \"timestamp.body\" with the secret>, and a unique X-Hindsight-Request-Id.",
    ],
    errbot: [
      "Have the Errbot plugin POST JSON ({text, user: {id, name}, channel, messages?}) to the webhook URL below.",
      "Sign each request: X-Hindsight-Timestamp (seconds), X-Hindsight-Signature: sha256=<hex HMAC-SHA256 of \"timestamp.body\" with the secret>, and a unique X-Hindsight-Request-Id.",
    ],
    generic: [
      "POST JSON ({text, user: {id, name}, channel, messages?}) to the webhook URL below.",
      "Sign each request: X-Hindsight-Timestamp (seconds), X-Hindsight-Signature: sha256=<hex HMAC-SHA256 of \"timestamp.body\" with the secret>, and a unique X-Hindsight-Request-Id.",
    ],
  };
  const pasteSecret = toolIssuesSecret(kind);
  return {
    label,
    pasteSecret,
    secretLabel: pasteSecret ? (signing === "teams-hmac" ? "Security token from Teams" : "Token from Mattermost") : null,
    steps: steps[kind],
  };
}
