import { isDone } from '../lib/progress';
import { pageProgress } from './page-data';

/**
 * Binds a chapter's checkboxes to the progress store. The chapter id comes
 * from the enclosing `[data-chapter]` element; item ids from each box.
 * The store is the source of truth: a change writes to it, and every box,
 * here or in another tab, is set from it.
 */
class Checklist extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const chapter = this.closest<HTMLElement>('[data-chapter]')?.dataset.chapter;
    if (!chapter) return;
    const store = pageProgress();
    const boxes = [...this.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-item]')];
    const failed = this.querySelector<HTMLElement>('.save-failed');

    for (const box of boxes) {
      box.disabled = false;
      box.addEventListener('change', () => store.setItem(chapter, box.dataset.item!, box.checked));
    }
    const stopProgress = store.$progress.subscribe((doc) => {
      for (const box of boxes) box.checked = isDone(doc, chapter, box.dataset.item!);
    });
    const stopErrors = store.$saveError.subscribe((error) => {
      if (failed) failed.hidden = error === null;
      // A refused write leaves the store as it was; show that on the boxes too.
      if (error) for (const box of boxes) box.checked = isDone(store.$progress.get(), chapter, box.dataset.item!);
    });
    this.stop = () => {
      stopProgress();
      stopErrors();
    };
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-checklist', Checklist);
