// The toast container itself, loaded by toasts.tsx when the first toast is shown.
import { Notifications } from "@mantine/notifications";

export default function ToastContainer() {
  return <Notifications position="top-right" />;
}
