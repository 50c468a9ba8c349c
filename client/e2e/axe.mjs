// axe-core (its default rules) in the page as it is now: one line per violation.
import { createRequire } from "node:module";

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export async function violations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
}
