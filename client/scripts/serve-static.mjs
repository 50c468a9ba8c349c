// Serves the static build the way client/nginx.conf does: files from dist/,
// directories through their index.html, every /habit/<id> through the one
// habit shell page, anything else through 404.html.
// Usage: node scripts/serve-static.mjs [port] (default 4321; HOST env, default 127.0.0.1)
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { HABIT_DEEP_LINK, HABIT_SHELL_PATH } from "./habit-deep-links.mjs";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const PORT = Number(process.argv[2] ?? process.env.PORT ?? 4321);
const HOST = process.env.HOST ?? "127.0.0.1";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

function fileFor(urlPath) {
  const path = HABIT_DEEP_LINK.test(urlPath) ? HABIT_SHELL_PATH : urlPath;
  const candidate = normalize(join(DIST, decodeURIComponent(path)));
  if (!candidate.startsWith(DIST)) return null;
  if (existsSync(candidate) && statSync(candidate).isDirectory()) {
    const index = join(candidate, "index.html");
    return existsSync(index) ? index : null;
  }
  return existsSync(candidate) ? candidate : null;
}

const server = createServer((request, response) => {
  const urlPath = new URL(request.url ?? "/", "http://localhost").pathname;
  const file = fileFor(urlPath);
  const status = file ? 200 : 404;
  const body = file ?? join(DIST, "404.html");
  response.writeHead(status, {
    "Content-Type": CONTENT_TYPES[extname(body)] ?? "application/octet-stream",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": urlPath.startsWith("/_astro/") ? "public, max-age=31536000, immutable" : "no-cache",
  });
  createReadStream(body).pipe(response);
});

server.listen(PORT, HOST, () => console.log(`serving ${DIST} at http://${HOST}:${PORT}`));
