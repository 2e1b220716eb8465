/**
 * The search control in every page's header: shows the button, listens for
 * `/` and Ctrl+K / ⌘K, and on first use loads the dialog's code, which loads
 * Pagefind. Nothing else is fetched until the learner opens search.
 */
import { isSearchShortcut } from '../lib/search-shortcut';
import type { SearchDialog } from './search-dialog';

class SearchControl extends HTMLElement {
  private dialog: Promise<SearchDialog> | undefined;

  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('[data-search-open]');
    const dialog = this.querySelector('dialog');
    if (!button || !dialog) return;
    button.addEventListener('click', () => void this.open());
    this.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
    // A click outside the panel lands on the dialog element itself (its backdrop).
    dialog.addEventListener('click', (event) => event.target === dialog && dialog.close());
    dialog.addEventListener('close', () => button.focus());
    document.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || !isSearchShortcut(event, event.target as HTMLElement | null)) return;
      if (dialog.open) return;
      event.preventDefault();
      void this.open();
    });
    this.hidden = false;
  }

  async open(): Promise<void> {
    this.dialog ??= import('./search-dialog').then(({ SearchDialog }) => new SearchDialog(this));
    try {
      (await this.dialog).show();
    } catch {
      // The dialog's own code did not load (offline, say): open it anyway to say so.
      this.dialog = undefined;
      const dialog = this.querySelector('dialog');
      const status = this.querySelector('[data-search-status]');
      if (status) status.textContent = (JSON.parse(this.dataset.strings ?? '{}') as { unavailable?: string }).unavailable ?? '';
      if (dialog && !dialog.open) dialog.showModal();
    }
  }
}

customElements.define('wm-search', SearchControl);
