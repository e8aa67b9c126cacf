// Onboarding (placeholder until its page lands).
import { Title } from "@mantine/core";

export function OnboardingPage() {
  return <Title order={1}>Onboarding</Title>;
}
