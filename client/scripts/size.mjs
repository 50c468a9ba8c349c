// Prints the gzipped JavaScript each built page ships: what loads up front
// (page scripts, islands, their static imports) and what islands fetch later
// through dynamic import(). Fails when a page is over its budget, or when a
// page without interactive parts ships React. Run after `pnpm build`: `pnpm size`.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
// Up front, before the habit page's chart (loaded on demand) arrives.
const BUDGETS_KB = { "/dashboard": 100, "/habit": 100, "/settings": 100, "/login": 100 };
// Nothing on these pages is interactive beyond plain scripts: no React at all.
const WITHOUT_REACT = new Set(["/", "/404", "/leaderboard"]);
// Every production build of React carries its error-decoder address.
const REACT_MARKER = "react.dev/errors";

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

const gzippedBytes = (text) => gzipSync(text, { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

function pageRoute(htmlPath) {
  const route = "/" + relative(DIST, htmlPath).replace(/(^|\/)index\.html$/, "").replace(/\.html$/, "");
  return route.replace(/\/$/, "") || "/";
}

const readAsset = (urlPath) => readFileSync(join(DIST, urlPath), "utf8");

function importsOf(source, pattern, fromUrl) {
  return [...source.matchAll(pattern)].map(([, specifier]) => posix.resolve(posix.dirname(fromUrl), specifier));
}

/** Every module reachable through static imports from `entries`, plus the dynamic imports found on the way. */
function moduleGraph(entries, sources) {
  const loaded = new Set();
  const lazy = new Set();
  const visit = (url, source) => {
    for (const next of importsOf(source, STATIC_IMPORT, url)) {
      if (!loaded.has(next)) {
        loaded.add(next);
        visit(next, readAsset(next));
      }
    }
    importsOf(source, DYNAMIC_IMPORT, url).forEach((next) => lazy.add(next));
  };
  for (const url of entries) {
    loaded.add(url);
    visit(url, readAsset(url));
  }
  sources.forEach(({ url, text }) => visit(url, text));
  return { loaded, lazy };
}

/** Lazy modules and what they import that the page has not loaded already. */
function lazyClosure(lazyEntries, loaded) {
  const extra = new Set();
  const visit = (url) => {
    if (loaded.has(url) || extra.has(url)) return;
    extra.add(url);
    const source = readAsset(url);
    importsOf(source, STATIC_IMPORT, url).forEach(visit);
    importsOf(source, DYNAMIC_IMPORT, url).forEach(visit);
  };
  lazyEntries.forEach(visit);
  return extra;
}

function measurePage(htmlPath) {
  const html = readFileSync(htmlPath, "utf8");
  const entries = new Set();
  for (const [, url] of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) entries.add(url);
  for (const [, url] of html.matchAll(/(?:component|renderer)-url="([^"]+\.js)"/g)) entries.add(url);
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, text]) => ({
    url: "/",
    text,
  }));
  const { loaded, lazy } = moduleGraph(entries, inlineScripts);
  const initial =
    [...loaded].reduce((sum, url) => sum + gzippedBytes(readAsset(url)), 0) +
    inlineScripts.reduce((sum, { text }) => sum + gzippedBytes(text), 0);
  const deferred = [...lazyClosure(lazy, loaded)].reduce((sum, url) => sum + gzippedBytes(readAsset(url)), 0);
  const shipsReact = html.includes("renderer-url=") || [...loaded].some((url) => readAsset(url).includes(REACT_MARKER));
  return { route: pageRoute(htmlPath), initial, deferred, shipsReact };
}

const pages = htmlFiles(DIST).map(measurePage).sort((a, b) => a.route.localeCompare(b.route));
console.log("page            initial JS (gzip)   loaded on demand (gzip)   React");
let failed = false;
for (const { route, initial, deferred, shipsReact } of pages) {
  const budget = BUDGETS_KB[route];
  const over = budget !== undefined && initial / 1024 > budget;
  const reactNotAllowed = WITHOUT_REACT.has(route) && shipsReact;
  failed ||= over || reactNotAllowed;
  const verdict = [
    budget === undefined ? "" : over ? `OVER ${budget} KB budget` : `≤ ${budget} KB budget`,
    reactNotAllowed ? "SHIPS REACT (must not)" : "",
  ]
    .filter(Boolean)
    .join(", ");
  console.log(
    `${route.padEnd(16)}${`${kb(initial)} KB`.padStart(10)}${`${kb(deferred)} KB`.padStart(22)}${(shipsReact ? "yes" : "no").padStart(13)}   ${verdict}`,
  );
}
process.exit(failed ? 1 : 0);
