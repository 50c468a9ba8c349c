// Generates the client's API types and zod validators from the backend's own
// OpenAPI document, into src/generated/openapi/ (committed).
//
//   node scripts/api-types.mjs          regenerate (`pnpm api-types`)
//   node scripts/api-types.mjs --check  fail when the committed output is stale
//
// The document comes from the backend's code, not from a running server:
// `app.openapi()` needs no database (engines are built on first use).
// PYTHON overrides the interpreter (default: backend/.venv/bin/python).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@hey-api/openapi-ts";

const CLIENT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BACKEND = resolve(CLIENT, "..", "backend");
const GENERATED = join(CLIENT, "src", "generated", "openapi");
const PYTHON = process.env.PYTHON ?? join(BACKEND, ".venv", "bin", "python");
const DUMP = "import json; from app.main import app; print(json.dumps(app.openapi(), indent=1))";

/** The document as the backend's code states it, with nothing from this shell's environment. */
function dumpDocument() {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8" };
  return execFileSync(PYTHON, ["-c", DUMP], { cwd: BACKEND, env, encoding: "utf8", maxBuffer: 64 << 20 });
}

async function generate(documentPath, outputPath) {
  await createClient({
    input: documentPath,
    output: { path: outputPath },
    logs: { level: "silent" },
    plugins: [
      "@hey-api/typescript",
      // zod/mini: the tree-shakable build keeps the dashboard inside its JS budget.
      // The backend writes UTC instants with an offset; accept any ISO instant.
      { name: "zod", compatibilityVersion: "mini", dates: { offset: true, local: true } },
    ],
  });
}

/**
 * The generator prints `\uXXXX` escapes as the characters themselves (it undoes
 * the TypeScript printer's escaping everywhere, regular expressions included:
 * @hey-api/openapi-ts 0.99.0, `astToString`). Raw characters are fine in a
 * regular expression literal except the two line separators, U+2028 and
 * U+2029 (the backend's whitespace patterns name them): escape those again.
 */
function escapeLineSeparators(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    const escaped = text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    if (escaped !== text) writeFileSync(file, escaped);
  }
}

const filesOf = (dir) => readdirSync(dir).sort();

function sameOutput(expectedDir, actualDir) {
  const expected = filesOf(expectedDir);
  const actual = filesOf(actualDir);
  if (expected.join("\n") !== actual.join("\n")) return false;
  return expected.every((name) => readFileSync(join(expectedDir, name), "utf8") === readFileSync(join(actualDir, name), "utf8"));
}

const check = process.argv.includes("--check");
const work = mkdtempSync(join(tmpdir(), "fht-api-types-"));
try {
  const documentPath = join(work, "openapi.json");
  writeFileSync(documentPath, dumpDocument());
  const target = check ? join(work, "generated") : GENERATED;
  if (!check) rmSync(GENERATED, { recursive: true, force: true });
  await generate(documentPath, target);
  escapeLineSeparators(target);
  if (check) {
    let committed = [];
    try {
      committed = filesOf(GENERATED);
    } catch {
      // Nothing committed yet: stale by definition.
    }
    if (committed.length === 0 || !sameOutput(GENERATED, target)) {
      spawnSync("diff", ["-ru", GENERATED, target], { stdio: "inherit" });
      console.error("\nThe API types in src/generated/openapi/ are stale: run `pnpm api-types` in client/ and commit.");
      process.exit(1);
    }
    console.log("API types match the backend's OpenAPI document.");
  } else {
    console.log(`API types written to ${GENERATED}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
