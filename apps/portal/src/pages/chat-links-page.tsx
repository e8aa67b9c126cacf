// Chat accounts (`/settings/slack`): linking a Slack account to the signed-in person by redeeming the
// link that `/hindsight link` gave them in Slack (`?token=`), and the list of their linked accounts
// with unlinking. ChatOps knows who a Slack user is only through these links.
import { Alert, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { ChatLinksConfirm } from "../components/settings/chat-links-confirm";
import { ChatLinksTable } from "../components/settings/chat-links-table";

export function ChatLinksPage() {
  const [params, setParams] = useSearchParams();
  const token = params.get("token");
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  // The token has done its job (or was declined): take it out of the URL and the history entry, so it
  // is not bookmarked, shared or redeemed twice by a reload.
  const dropToken = () => setParams({}, { replace: true });

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Title order={1}>Chat accounts</Title>
        <Text maw="70ch">
          Link your Slack account so that <code>/hindsight</code> in Slack searches with your read rights (your teams&apos;
          entries included) and &ldquo;Save to Hindsight&rdquo; saves messages as you. To link, run{" "}
          <code>/hindsight link</code> in Slack and open the link it gives you while signed in here. Until then Slack
          shows you only what is published to the whole organisation.
        </Text>
      </Stack>
      {done && (
        <Alert
          ref={doneRef}
          tabIndex={-1}
          role="status"
          color="indigo"
          variant="light"
          title="Slack account linked"
          icon={<IconCircleCheck size={18} aria-hidden="true" />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setDone(null)}
        >
          {done}
        </Alert>
      )}
      {token && (
        <section aria-labelledby="link-chat-heading">
          <Stack gap="sm">
            <Title order={2} id="link-chat-heading">
              Link a Slack account
            </Title>
            <ChatLinksConfirm
              token={token}
              onLinked={(message) => {
                setDone(message);
                dropToken();
              }}
              onCancel={dropToken}
            />
          </Stack>
        </section>
      )}
      <section aria-labelledby="chat-links-heading">
        <Stack gap="sm">
          <Title order={2} id="chat-links-heading">
            Your linked chat accounts
          </Title>
          <ChatLinksTable labelledBy="chat-links-heading" />
        </Stack>
      </section>
    </Stack>
  );
}
