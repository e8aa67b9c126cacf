// lazyComponent: the fallback until the module arrives, the component itself (no fallback) once it has,
// and one import however often it renders.
import { Suspense } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { lazyComponent } from "./lazy-component";
import { loadOnce } from "./load-once";

const Hello = ({ name }: { name: string }) => <p>Hello {name}</p>;

const render = (node: React.ReactNode) => renderToStaticMarkup(<Suspense fallback={<p>Loading</p>}>{node}</Suspense>);

describe("lazyComponent", () => {
  it("shows the fallback until the module arrives, then the component, importing it once", async () => {
    const importer = vi.fn(async () => Hello);
    const module = loadOnce(importer);
    const LazyHello = lazyComponent(module);
    expect(render(<LazyHello name="Ada" />)).toContain("Loading");
    await module.load();
    expect(render(<LazyHello name="Ada" />)).toBe("<p>Hello Ada</p>");
    expect(render(<LazyHello name="Grace" />)).toBe("<p>Hello Grace</p>");
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it("renders at once, without the fallback, when a preload has already brought the module", async () => {
    const module = loadOnce(async () => Hello);
    await module.load();
    const LazyHello = lazyComponent(module);
    expect(render(<LazyHello name="Ada" />)).not.toContain("Loading");
  });
});
