// A progress bar that is one accessible progressbar for its whole width: Mantine's own puts the role
// on the filled section, which has no size at 0% and so cannot be found or focused by tools.
import { Progress, type MantineSize } from "@mantine/core";

export function ProgressMeter({ label, percent, size = "lg" }: { label: string; percent: number; size?: MantineSize }) {
  return (
    <Progress.Root
      size={size}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
    >
      <Progress.Section value={percent} withAria={false} color={percent === 100 ? "teal" : undefined} />
    </Progress.Root>
  );
}
