import { Component, type ReactNode } from 'react';

/**
 * A screen that cannot be shown (its code could not be fetched: the server stopped, the connection dropped) says
 * so in words, and the rest of the application stays: the header, the navigation, the other screens.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main>
        <h1>無法顯示此畫面</h1>
        <p className="error" role="alert">
          無法連線到伺服器，此畫面未能載入。請確認網路連線後，重新整理頁面再試。
        </p>
      </main>
    );
  }
}
