// Browser entry point: global styles, then the app into #root. Of Mantine's CSS, the order of its layers
// and its global sheets only: each component's own CSS comes with the chunk that uses it
// (vite-mantine-css.ts).
import "virtual:mantine-layer-order.css";
import "@mantine/core/styles/baseline.css";
import "@mantine/core/styles/default-css-variables.css";
import "@mantine/core/styles/global.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";

const root = document.getElementById("root");
if (!root) throw new Error("index.html is missing #root");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
