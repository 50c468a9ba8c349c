import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import { sessionStore } from "../src/lib/session";
import { toastStore } from "../src/lib/toasts";

// Recharts measures its container through ResizeObserver, which jsdom lacks.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;

// jsdom has <dialog> but not its modal methods: open and close it the way a browser does.
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute("open", "");
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  if (!this.hasAttribute("open")) return;
  this.removeAttribute("open");
  this.dispatchEvent(new Event("close"));
};

// Client-side navigation needs Astro's router; tests only record where it would go.
vi.mock("astro:transitions/client", () => ({ navigate: vi.fn() }));

beforeEach(() => {
  sessionStore.setState({ token: null, user: null });
  toastStore.setState({ toasts: [] });
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
