// Prints the gzipped JavaScript each built page ships: what loads up front
// (page scripts, islands, their static imports) and what islands fetch later
// through dynamic import(). Fails when /dashboard exceeds its budget.
// Run after `pnpm build`: `pnpm size`.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const BUDGETS_KB = { "/dashboard": 100 };

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
  return { route: pageRoute(htmlPath), initial, deferred };
}

const pages = htmlFiles(DIST).map(measurePage).sort((a, b) => a.route.localeCompare(b.route));
console.log("page            initial JS (gzip)   loaded on demand (gzip)");
let overBudget = false;
for (const { route, initial, deferred } of pages) {
  const budget = BUDGETS_KB[route];
  const verdict = budget === undefined ? "" : initial / 1024 <= budget ? `  ≤ ${budget} KB budget` : `  OVER ${budget} KB budget`;
  overBudget ||= budget !== undefined && initial / 1024 > budget;
  console.log(`${route.padEnd(16)}${`${kb(initial)} KB`.padStart(10)}${`${kb(deferred)} KB`.padStart(22)}${verdict}`);
}
process.exit(overBudget ? 1 : 0);
