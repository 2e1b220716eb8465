/**
 * The app browser's session history: the addresses visited, a position,
 * back and forward. A new visit drops the entries ahead of the position, as
 * a browser does. The page re-requests an entry it goes back to.
 */
export class NavHistory {
  private entries: string[] = [];
  private index = -1;

  get current(): string | undefined {
    return this.entries[this.index];
  }

  get canGoBack(): boolean {
    return this.index > 0;
  }

  get canGoForward(): boolean {
    return this.index < this.entries.length - 1;
  }

  push(url: string): void {
    this.entries = [...this.entries.slice(0, this.index + 1), url];
    this.index = this.entries.length - 1;
  }

  /** The current entry becomes `url` (a redirect's end, a reload onto a new release). */
  replace(url: string): void {
    if (this.index < 0) this.push(url);
    else this.entries[this.index] = url;
  }

  back(): string | undefined {
    if (!this.canGoBack) return undefined;
    this.index -= 1;
    return this.current;
  }

  forward(): string | undefined {
    if (!this.canGoForward) return undefined;
    this.index += 1;
    return this.current;
  }

  /** Every entry moved to another origin (the app's next release), paths kept. */
  rebase(origin: string): void {
    this.entries = this.entries.map((url) => {
      const parsed = new URL(url);
      return `${origin}${parsed.pathname}${parsed.search}${parsed.hash}`;
    });
  }
}
