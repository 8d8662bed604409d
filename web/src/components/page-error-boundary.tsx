// A page that fails to render (an answer of a shape it does not expect) shows the error inside the
// frame instead of blanking the whole dashboard; the navigation keeps working.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert } from '@mantine/core';

interface Props {
  title: string;
  children: ReactNode;
}

export class PageErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return <Alert color="red" title={this.props.title} data-testid="page-error">{this.state.error.message}</Alert>;
    }
    return this.props.children;
  }
}
