// The account's security on /settings: changing the password (the session
// carries on, older tokens end), personal access tokens (shown once, copied,
// used, revoked), and deleting the account (signed out, nothing left).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { api, newAccount, signInByApi } from "./api.mjs";
import { violations } from "./axe.mjs";
import { currentToken, launchBrowser, openPage, PHONE, screenshot, toasts } from "./browser.mjs";

const PASSWORD = "a-long-password";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const section = (page, name) => page.getByRole("region", { name });

test("Password: a wrong current password keeps the session; the right one changes it and the user stays signed in", async () => {
  const session = await newAccount();
  const { page, finish } = await openPage(browser, { session, allowConsole: [/status of 403/] });
  await page.goto("/settings");
  const password = section(page, "Password");

  await password.getByLabel("Current password").fill("not-my-password");
  await password.getByLabel("New password").fill("a-new-long-password");
  await password.getByRole("button", { name: "Change password" }).click();
  await password.locator('input[name="currentPassword"][aria-invalid="true"]').waitFor();
  assert.deepEqual(await violations(page), [], "axe: the section with its error");
  assert.equal(page.url().endsWith("/settings"), true, "still on the settings page");
  assert.equal(await currentToken(page), session.token, "still signed in with the same token");
  assert.equal((await api("/auth/me", { token: session.token })).status, 200);

  await password.getByLabel("Current password").fill(PASSWORD);
  await password.getByRole("button", { name: "Change password" }).click();
  await toasts(page).filter({ hasText: "Password changed" }).waitFor();
  assert.equal((await api("/auth/me", { token: session.token })).status, 401, "the token from before the change is over");
  const renewed = await currentToken(page);
  assert.notEqual(renewed, session.token);
  assert.equal((await api("/auth/me", { token: renewed })).status, 200, "the page signed in again with the new password");
  assert.equal(await password.getByLabel("Current password").inputValue(), "");

  await page.reload();
  await section(page, "Password").waitFor();
  assert.match(page.url(), /\/settings$/);
  await signInByApi({ email: session.user.email, password: "a-new-long-password" });
  assert.equal((await api("/auth/login", { method: "POST", body: { email: session.user.email, password: PASSWORD } })).status, 401);
  await finish();
});

test("API tokens: a new token is shown once with Copy, works as a Bearer credential, and Revoke ends it", async () => {
  const session = await newAccount({ timezone: "UTC" });
  const { context, page, finish } = await openPage(browser, { session });
  await page.goto("/settings");
  const tokens = section(page, "API tokens");
  await tokens.getByText("No tokens yet.").waitFor();

  await tokens.getByLabel("Token name").fill("Home Assistant");
  await tokens.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await tokens.getByRole("button", { name: "Create token" }).click();
  const copy = tokens.getByRole("button", { name: "Copy" });
  await copy.waitFor();
  const secret = await tokens.getByLabel("New token").inputValue();
  assert.match(secret, /^fht_[A-Za-z0-9_-]{20,}$/);
  assert.deepEqual(await violations(page), [], "axe: the new token shown");
  await screenshot(page, "settings-new-token");

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await copy.click();
  await tokens.getByText("Copied to the clipboard.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

  assert.equal((await api("/habits", { token: secret })).status, 200, "the token reads the habits");
  const row = tokens.getByRole("listitem").filter({ hasText: "Home Assistant" });
  await row.getByText(/Expires \d+ \w+ \d{4}/).waitFor();

  // Shown once: after a reload the token is listed, never shown.
  await page.reload();
  await section(page, "API tokens").getByRole("listitem").filter({ hasText: "Home Assistant" }).waitFor();
  assert.equal(await page.getByText(secret).count(), 0);
  assert.equal(await page.locator(`input[value="${secret}"]`).count(), 0);

  await section(page, "API tokens").getByRole("listitem").filter({ hasText: "Home Assistant" }).getByRole("button", { name: "Revoke" }).click();
  await section(page, "API tokens").getByText("No tokens yet.").waitFor();
  await toasts(page).filter({ hasText: "Token revoked" }).waitFor();
  assert.equal((await api("/habits", { token: secret })).status, 401, "a revoked token answers 401");
  await finish();
});

test("Delete account: a wrong password keeps it; the right one deletes everything and signs out", async () => {
  const session = await newAccount();
  await api("/habits", { method: "POST", body: { title: "Going away", frequency: "daily" }, token: session.token });
  const { page, finish } = await openPage(browser, { session, viewport: PHONE, allowConsole: [/status of 403/] });
  await page.goto("/settings");
  const danger = section(page, "Delete account");

  await danger.getByLabel("Confirm password").fill("not-my-password");
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await danger.locator('input[aria-invalid="true"]').waitFor();
  assert.equal((await api("/auth/me", { token: session.token })).status, 200, "the account is still there");
  await screenshot(page, "settings-delete-refused-mobile");

  await danger.getByLabel("Confirm password").fill(PASSWORD);
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await page.waitForURL("**/login");
  await toasts(page).filter({ hasText: "Account deleted" }).waitFor();
  assert.equal(await currentToken(page), null, "signed out");
  assert.equal((await api("/auth/me", { token: session.token })).status, 401);
  assert.equal((await api("/auth/login", { method: "POST", body: { email: session.user.email, password: PASSWORD } })).status, 401);
  await page.goto("/settings");
  await page.waitForURL("**/login");
  await finish();
});
