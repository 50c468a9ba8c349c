// Your data on /settings: both exports saved as files, and an import of a
// real Loop Habit Tracker 2.3 CSV export (zipped here, at test time, from
// ../shared/fixtures beside the checkout: test input only, never shipped).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { API_URL, accountToday, addDays, createHabit, listHabits, logDay, newAccount } from "./api.mjs";
import { violations } from "./axe.mjs";
import { launchBrowser, openPage, screenshot, toasts } from "./browser.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const LOOP_FIXTURE = join(REPO, "..", "shared", "fixtures", "loop-csv-2.3");

let browser;
let scratch;
before(async () => {
  browser = await launchBrowser();
  scratch = mkdtempSync(join(tmpdir(), "fht-e2e-data-"));
});
after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The fixture folder as the zip Loop writes, made with Python's zipfile (python3 is a prerequisite). */
function zipLoopFixture() {
  assert.ok(existsSync(LOOP_FIXTURE), `the Loop 2.3 fixture is at ${LOOP_FIXTURE}`);
  const zip = join(scratch, "Loop Habits CSV 2015-01-25.zip");
  execFileSync("python3", ["-m", "zipfile", "-c", zip, ...readdirSync(LOOP_FIXTURE).sort()], { cwd: LOOP_FIXTURE });
  return zip;
}

const section = (page, name) => page.getByRole("region", { name });

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent("download"), section(page, "Your data").getByRole("button", { name: buttonName }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test("Your data: both exports are saved as files", async () => {
  const session = await newAccount({ timezone: "UTC" });
  const today = accountToday("UTC", 0);
  const habit = await createHabit(session, { title: "Journal", frequency: "daily" });
  await logDay(session, habit.id, addDays(today, -1), { note: "Two pages" });
  await logDay(session, habit.id, addDays(today, -2), { status: "skipped" });
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/settings");

  // The file's name comes from the API's Content-Disposition, which the page can read across origins.
  const disposition = await page.evaluate(
    async ({ url, token }) => (await fetch(`${url}/export?format=loop`, { headers: { Authorization: `Bearer ${token}` } })).headers.get("Content-Disposition"),
    { url: API_URL, token: session.token },
  );
  assert.equal(disposition, `attachment; filename="habits-${today}-loop.zip"`);

  const json = await download(page, "Export JSON");
  assert.equal(json.name, `habits-${today}.json`);
  const exported = JSON.parse(json.bytes.toString("utf8"));
  assert.equal(exported.format, "fitness-habit-tracker");
  assert.equal(exported.version, 1);
  assert.deepEqual(
    exported.habits.map(({ title, logs }) => ({ title, logs })),
    [{ title: "Journal", logs: [
      { date: addDays(today, -2), status: "skipped", note: null },
      { date: addDays(today, -1), status: "done", note: "Two pages" },
    ] }],
  );

  const loop = await download(page, "Export Loop CSV");
  assert.equal(loop.name, `habits-${today}-loop.zip`);
  assert.equal(loop.bytes.subarray(0, 2).toString("latin1"), "PK", "a zip file");
  assert.ok(loop.bytes.includes("Habits.csv"), "Loop's layout: Habits.csv");
  assert.ok(loop.bytes.includes("Journal/Checkmarks.csv"), "a folder per habit");
  await finish();
});

test("Your data: importing Loop's CSV export shows its summary; a second import adds nothing", async () => {
  const zip = zipLoopFixture();
  const session = await newAccount({ timezone: "UTC" });
  const { page, finish } = await openPage(browser, { session });
  await page.goto("/settings");
  const data = section(page, "Your data");

  await data.getByLabel("Import file").setInputFiles(zip);
  await data.getByRole("button", { name: "Import", exact: true }).click();
  await data.getByText("Imported Loop Habits CSV 2015-01-25.zip").waitFor();
  assert.match(await data.innerText(), /2 habits created, 0 habits matched with yours/);
  assert.match(await data.innerText(), /6 days logged, 0 days already there/);
  await data.getByText(/Wake up early/).first().waitFor(); // its 2-in-3-days frequency is a warning
  assert.deepEqual(await violations(page), [], "axe: the import's summary");
  for (const dismiss of await page.getByRole("button", { name: "Dismiss" }).all()) await dismiss.click();
  await screenshot(page, "settings-import-light");

  const habits = await listHabits(session);
  assert.deepEqual(habits.map((habit) => habit.title), ["Meditate", "Wake up early"]);
  assert.deepEqual(habits.map((habit) => habit.totalLogs), [0, 6]);

  await data.getByLabel("Import file").setInputFiles(zip);
  await data.getByRole("button", { name: "Import", exact: true }).click();
  await data.getByText(/nothing new, it was all here already/).waitFor();
  assert.match(await data.innerText(), /0 days logged, 6 days already there/);
  await toasts(page).filter({ hasText: "Import finished" }).first().waitFor();

  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await page.getByRole("article", { name: "Wake up early" }).waitFor();
  await page.getByRole("article", { name: "Meditate" }).waitFor();
  await finish();
});

test("Your data: a file it cannot read is refused at the field, nothing imported", async () => {
  const session = await newAccount();
  const { page, finish } = await openPage(browser, { session, allowConsole: [/status of (415|422)/] });
  await page.goto("/settings");
  const data = section(page, "Your data");
  await data.getByLabel("Import file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello": "world"}') });
  await data.getByRole("button", { name: "Import", exact: true }).click();
  await data.locator('input[type="file"][aria-invalid="true"]').waitFor();
  assert.deepEqual(await listHabits(session), []);
  await finish();
});
