import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import DataSection from "../src/islands/react/DataSection";
import { attachmentName } from "../src/lib/download";
import { sessionStore } from "../src/lib/session";
import { fakeApi, jsonResponse, NOW, problemResponse, signIn, TODAY, visibleToasts } from "./helpers";

const summary = { habitsCreated: 2, habitsMatched: 0, logsCreated: 7, logsExisting: 0, warnings: ["“Wake up early” is 2 times in 3 days: imported as weekly, 5 a week."] };

/** The downloads the page starts: the name and the file behind each link it clicks. */
function recordDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  // jsdom has no object URLs.
  class UrlWithObjects extends URL {
    static createObjectURL(blob: Blob): string {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    }
    static revokeObjectURL(): void {}
  }
  vi.stubGlobal("URL", UrlWithObjects);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href) as Blob });
  });
  return saved;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  signIn();
});

describe("Your data: exports", () => {
  it("downloads the JSON export as a file named by the API, with the session's token", async () => {
    const saved = recordDownloads();
    const api = fakeApi({
      "GET /export": () =>
        new Response('{"format":"fitness-habit-tracker","version":1}', {
          headers: { "Content-Type": "application/json", "Content-Disposition": `attachment; filename="habits-${TODAY}.json"` },
        }),
    });
    render(<DataSection />);

    await userEvent.click(screen.getByRole("button", { name: "Export JSON" }));

    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].name).toBe(`habits-${TODAY}.json`);
    expect(JSON.parse(await saved[0].blob.text())).toMatchObject({ format: "fitness-habit-tracker" });
    const [url, init] = api.mock.calls[0];
    expect(new URL(String(url)).search).toBe("?format=json");
    expect(new Headers(init?.headers).get("Authorization")).toBe(`Bearer ${sessionStore.getState().token}`);
  });

  it("names the Loop zip itself when the answer's name cannot be read", async () => {
    const saved = recordDownloads();
    fakeApi({ "GET /export": () => new Response(new Blob(["PK\u0003\u0004"]), { headers: { "Content-Type": "application/zip" } }) });
    render(<DataSection />);

    await userEvent.click(screen.getByRole("button", { name: "Export Loop CSV" }));

    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].name).toBe(`habits-${TODAY}-loop.zip`);
  });

  it("reads both forms of Content-Disposition", () => {
    expect(attachmentName('attachment; filename="habits-2026-03-10.json"')).toBe("habits-2026-03-10.json");
    expect(attachmentName("attachment; filename=habits.zip")).toBe("habits.zip");
    expect(attachmentName("attachment; filename=\"plain.zip\"; filename*=UTF-8''H%C3%A4bits.zip")).toBe("Häbits.zip");
    expect(attachmentName("inline")).toBeNull();
    expect(attachmentName(null)).toBeNull();
  });
});

describe("Your data: import", () => {
  it("uploads the file, shows its progress, then its summary", async () => {
    let answer: (response: Response) => void = () => undefined;
    const api = fakeApi({ "POST /import": () => new Promise<Response>((resolve) => (answer = resolve)) });
    render(<DataSection />);
    const user = userEvent.setup();
    const file = new File(["Position,Name\n"], "loop.zip", { type: "application/zip" });

    await user.upload(screen.getByLabelText("Import file"), file);
    await user.click(screen.getByRole("button", { name: "Import" }));

    expect(await screen.findByRole("progressbar", { name: "Importing loop.zip" })).toBeInTheDocument();
    const sent = api.mock.calls[0][1]?.body as FormData;
    expect(sent.get("file")).toBe(file);
    answer(jsonResponse(200, summary));

    expect(await screen.findByText("Imported loop.zip")).toBeInTheDocument();
    expect(screen.getByText("2 habits created, 0 habits matched with yours")).toBeInTheDocument();
    expect(screen.getByText("7 days logged, 0 days already there")).toBeInTheDocument();
    expect(screen.getByText(summary.warnings[0])).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(visibleToasts()).toEqual([expect.objectContaining({ kind: "success", title: "Import finished" })]);
  });

  it("says a second import of the same file added nothing", async () => {
    fakeApi({ "POST /import": () => jsonResponse(200, { ...summary, habitsCreated: 0, habitsMatched: 2, logsCreated: 0, logsExisting: 7, warnings: [] }) });
    render(<DataSection />);
    await userEvent.upload(screen.getByLabelText("Import file"), new File(["{}"], "habits.json"));
    await userEvent.click(screen.getByRole("button", { name: "Import" }));

    expect(await screen.findByText(/nothing new, it was all here already/)).toBeInTheDocument();
  });

  it("shows why a file cannot be imported at the field, without a toast", async () => {
    fakeApi({ "POST /import": () => problemResponse(422, "Unprocessable Content", "The zip holds an entry with ../ in its path.") });
    render(<DataSection />);
    await userEvent.upload(screen.getByLabelText("Import file"), new File(["PK"], "evil.zip"));
    await userEvent.click(screen.getByRole("button", { name: "Import" }));

    expect(await screen.findByText("The zip holds an entry with ../ in its path.")).toBeInTheDocument();
    expect(screen.getByLabelText("Import file")).toHaveAttribute("aria-invalid", "true");
    expect(visibleToasts()).toEqual([]);
  });

  it("refuses a file over 10 MiB, or none, without sending it", async () => {
    const api = fakeApi({});
    render(<DataSection />);
    await userEvent.click(screen.getByRole("button", { name: "Import" }));
    expect(screen.getByText("Choose a file to import.")).toBeInTheDocument();

    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], "huge.db");
    await userEvent.upload(screen.getByLabelText("Import file"), big);
    await userEvent.click(screen.getByRole("button", { name: "Import" }));

    expect(screen.getByText(/over 10 MiB/)).toBeInTheDocument();
    expect(api).not.toHaveBeenCalled();
  });
});
