// Toasts (Mantine notifications). Only an action (a save, a publish, a review) ever shows one, so the
// container is not part of any page's first download: the store is a few hundred bytes and lives in
// the entry chunk, and the container loads the first time the store holds a toast, which it then shows
// (the container renders whatever the store holds when it mounts). It stays mounted after that.
import { useNotifications } from "@mantine/notifications";
import { lazy, Suspense, useState } from "react";

// A module of its own (toast-container.tsx), not `import("@mantine/notifications")`: the entry chunk
// imports that package for the store, and a dynamic import of it would resolve to the entry chunk,
// container and all.
const ToastContainer = lazy(() => import("./toast-container"));

export function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <ToastContainer />
    </Suspense>
  );
}
