import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/** Keeps one broken island from blanking the page: it shows a fallback instead. */
export class IslandErrorBoundary extends Component<Props, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("Island crashed", error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="card text-center">
        <p className="font-semibold">Something went wrong in this part of the page.</p>
        <button type="button" className="btn-secondary mt-3" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
