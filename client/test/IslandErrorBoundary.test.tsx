import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { IslandErrorBoundary } from "../src/islands/react/IslandErrorBoundary";

function Exploding(): never {
  throw new Error("boom");
}

describe("IslandErrorBoundary", () => {
  it("shows a fallback instead of a blank island when a child throws", () => {
    // React and the boundary both report the error; keep the test output clean.
    vi.spyOn(console, "error").mockImplementation(() => undefined);

    render(
      <IslandErrorBoundary>
        <Exploding />
      </IslandErrorBoundary>,
    );

    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong in this part of the page.");
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
  });

  it("renders its children when nothing fails", () => {
    render(
      <IslandErrorBoundary>
        <p>All good</p>
      </IslandErrorBoundary>,
    );

    expect(screen.getByText("All good")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
