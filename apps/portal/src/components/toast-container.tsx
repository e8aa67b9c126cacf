// The toast container itself, loaded by toasts.tsx when the first toast is shown.
import { Notifications } from "@mantine/notifications";
// Its stylesheet comes with it, so no page pays for it before the first toast.
import "@mantine/notifications/styles.layer.css";

export default function ToastContainer() {
  return <Notifications position="top-right" />;
}
