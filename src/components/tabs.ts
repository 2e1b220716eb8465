/**
 * <wm-tabs>: the tab list of Tabs.astro, per the WAI-ARIA pattern. A click
 * or an arrow key (Home, End too) selects a tab and shows its panel; only the
 * selected tab is in the Tab order, so Tab moves on into the panel.
 */
const NEXT: Partial<Record<string, (i: number, last: number) => number>> = {
  ArrowRight: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  Home: () => 0,
  End: (_, last) => last,
};

class Tabs extends HTMLElement {
  private listening?: AbortController;

  connectedCallback(): void {
    this.listening = new AbortController();
    const { signal } = this.listening;
    // Only this list's own tabs: a panel may hold tabs of its own.
    const tabs = [...this.querySelectorAll<HTMLButtonElement>(':scope > [role="tablist"] > [role="tab"]')];
    const select = (tab: HTMLButtonElement) => {
      for (const other of tabs) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        const panel = document.getElementById(other.getAttribute('aria-controls')!);
        if (panel) panel.hidden = !selected;
      }
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => select(tab), { signal });
      tab.addEventListener(
        'keydown',
        (event) => {
          const next = NEXT[event.key];
          if (!next) return;
          event.preventDefault();
          const target = tabs[(next(i, tabs.length - 1) + tabs.length) % tabs.length]!;
          select(target);
          target.focus();
        },
        { signal },
      );
    });
  }

  disconnectedCallback(): void {
    this.listening?.abort();
  }
}

customElements.define('wm-tabs', Tabs);
