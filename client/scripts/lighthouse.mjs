// Runs Lighthouse (from .tools/lighthouse, installed by scripts/lighthouse.sh)
// on the signed-in pages, mobile and desktop, and writes a Markdown table.
// Environment: WEB_URL, API_URL, CHROMIUM_PATH, LIGHTHOUSE_DIR, REPORT.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { WEB_URL, API_URL, LIGHTHOUSE_DIR, REPORT } = process.env;
const require = createRequire(join(LIGHTHOUSE_DIR, "lighthouse", "package.json"));
const { default: lighthouse } = await import(pathToFileURL(require.resolve("lighthouse")).href);
const { default: desktopConfig } = await import(pathToFileURL(require.resolve("lighthouse/core/config/desktop-config.js")).href);
const puppeteer = (await import(pathToFileURL(require.resolve("puppeteer-core")).href)).default;

const DEMO = { email: "demo@example.com", password: "Demo123!" };
const CATEGORIES = ["performance", "accessibility", "best-practices"];
const TARGETS = { performance: { mobile: 95 }, accessibility: { mobile: 100, desktop: 100 }, "best-practices": { mobile: 100, desktop: 100 } };

async function api(path, { method = "GET", body, token } = {}) {
  const response = await fetch(`${API_URL}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function setSession(session) {
  const page = await browser.newPage();
  await page.goto(`${WEB_URL}/leaderboard`);
  await page.evaluate(
    (value) => (value ? localStorage.setItem("fht-session", JSON.stringify({ state: value, version: 0 })) : localStorage.clear()),
    session,
  );
  await page.close();
}

async function audit(path, formFactor) {
  const page = await browser.newPage();
  const flags = { output: "json", logLevel: "error", onlyCategories: CATEGORIES, disableStorageReset: true };
  const result = await lighthouse(`${WEB_URL}${path}`, flags, formFactor === "desktop" ? desktopConfig : undefined, page);
  await page.close();
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((categories[id].score ?? 0) * 100)]));
  const failing = Object.values(audits)
    .filter((item) => item.score !== null && item.score < 1 && item.scoreDisplayMode === "binary")
    .map((item) => item.id);
  return { scores, lcp: audits["largest-contentful-paint"].displayValue, tbt: audits["total-blocking-time"].displayValue, cls: audits["cumulative-layout-shift"].displayValue, failing };
}

const { accessToken: token, user } = await api("/auth/login", { method: "POST", body: DEMO });
const habits = await api("/habits", { token });
const pages = [
  { path: "/login", session: null },
  { path: "/dashboard", session: { token, user } },
  { path: `/habit/${habits[0].id}`, label: "/habit/<id>", session: { token, user } },
  { path: "/settings", session: { token, user } },
];

const rows = [];
let missed = 0;
for (const { path, label, session } of pages) {
  await setSession(session);
  for (const formFactor of ["mobile", "desktop"]) {
    const { scores, lcp, tbt, cls, failing } = await audit(path, formFactor);
    const verdicts = CATEGORIES.map((id) => {
      const target = TARGETS[id][formFactor];
      const ok = target === undefined || scores[id] >= target;
      if (!ok) missed += 1;
      return `${scores[id]}${ok ? "" : " ✗"}`;
    });
    rows.push(`| ${label ?? path} | ${formFactor} | ${verdicts.join(" | ")} | ${lcp} | ${tbt} | ${cls} | ${failing.join(", ") || "—"} |`);
    console.log(rows.at(-1));
  }
}
await browser.close();

writeFileSync(
  REPORT,
  `# Lighthouse

\`make lighthouse\` (not part of \`make test\`): Lighthouse ${require("lighthouse/package.json").version} in headless Chromium on the
production build (served like nginx serves it) and the API on PostgreSQL with the seeded demo data, signed in as the
demo user (\`/login\` signed out). Mobile is Lighthouse's default (a mid-range phone on a slow 4G connection, simulated);
desktop its desktop preset. Targets (issue 12): accessibility 100, best practices 100, performance ≥ 95 on mobile; ✗ marks a miss.

Latest run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.

| page | form factor | performance | accessibility | best practices | LCP | TBT | CLS | audits not passed |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}
`,
);
console.log(`written to ${REPORT}`);
process.exit(missed > 0 ? 1 : 0);
