import { Component, type ReactNode } from "react";

type ErrorBoundaryProps = { fallback: (error: Error) => ReactNode; onError?: (error: Error) => void; children: ReactNode };
type ErrorBoundaryState = { error: Error | null };

/** Renders `fallback` instead of children that threw while rendering. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(thrown: unknown): ErrorBoundaryState {
    return { error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }

  override componentDidCatch(thrown: unknown): void {
    this.props.onError?.(thrown instanceof Error ? thrown : new Error(String(thrown)));
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
