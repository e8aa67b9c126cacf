// Browser entry point: global styles, then the app into #root. Of Mantine's CSS, its global sheets only:
// each component's own CSS comes with the chunk that uses it, in layers whose order index.html declares
// (vite-mantine-css.ts; on the dev server the virtual module is the whole stylesheet).
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
