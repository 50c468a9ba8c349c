// The plain-DOM parts every page has: the toasts and the time zone notice.
import { describe, expect, it, vi } from "vitest";
import { mountAccount } from "../src/lib/account";
import { sessionStore } from "../src/lib/session";
import { mountToaster } from "../src/lib/toaster";
import { dismissToast, showToast } from "../src/lib/toasts";
import { demoUser, fakeApi, jsonResponse, signIn, visibleToasts } from "./helpers";

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const OTHER_ZONE = BROWSER_ZONE === "Asia/Tokyo" ? "Europe/Paris" : "Asia/Tokyo";

describe("toasts", () => {
  it("show one toast per failure: the same message again only lives longer", () => {
    document.body.innerHTML = `<aside aria-label="Notifications"><ol data-toast-list></ol></aside>`;
    mountToaster();

    showToast({ title: "Could not load", detail: "The server cannot be reached." });
    showToast({ title: "Could not load", detail: "The server cannot be reached." });
    showToast({ kind: "success", title: "Profile saved" });

    const items = document.querySelectorAll("[data-toast-list] > li");
    expect([...items].map((item) => item.firstElementChild?.getAttribute("role"))).toEqual(["alert", "status"]);
    expect(items[0]).toHaveTextContent("Could not loadThe server cannot be reached.");

    dismissToast(visibleToasts()[0].id);
    expect(document.querySelectorAll("[data-toast-list] > li")).toHaveLength(1);
  });
});

describe("the time zone notice", () => {
  function page() {
    document.body.innerHTML = `
      <div data-tz-notice hidden>
        <strong data-account-zone></strong> <strong data-browser-zone></strong>
        <button data-use-browser-zone></button><button data-keep-account-zone></button>
      </div>`;
    return document.querySelector<HTMLElement>("[data-tz-notice]");
  }

  it("names both zones and offers the browser's when they differ, then follows the account", async () => {
    let onServer = { ...demoUser, timezone: OTHER_ZONE };
    const api = fakeApi({
      "GET /auth/me": () => jsonResponse(200, { user: onServer }),
      "PATCH /auth/me": ({ body }) => {
        onServer = { ...onServer, ...(body as object) };
        return jsonResponse(200, { user: onServer });
      },
    });
    const notice = page();
    signIn({ ...demoUser, timezone: OTHER_ZONE });
    mountAccount();

    expect(notice).toBeVisible();
    expect(notice?.querySelector("[data-account-zone]")).toHaveTextContent(OTHER_ZONE);
    const use = notice?.querySelector<HTMLButtonElement>("[data-use-browser-zone]");
    expect(use).toHaveTextContent(`Use ${BROWSER_ZONE}`);
    expect(notice?.querySelector("[data-keep-account-zone]")).toHaveTextContent(`Keep ${OTHER_ZONE}`);

    use?.click();

    await vi.waitFor(() => expect(sessionStore.getState().user?.timezone).toBe(BROWSER_ZONE));
    const patch = api.mock.calls.find(([, init]) => init?.method === "PATCH");
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ timezone: BROWSER_ZONE });
    expect(notice).not.toBeVisible();
  });

  it("stays hidden when the zones agree", () => {
    const notice = page();
    sessionStore.getState().signIn("token", { ...demoUser, timezone: BROWSER_ZONE });
    window.dispatchEvent(new Event("astro:page-load"));
    document.dispatchEvent(new Event("astro:page-load"));

    expect(notice).not.toBeVisible();
  });
});
