/**
 * Turning what Pagefind returns into what the search dialog shows, and
 * which result the arrow keys select. Pure: no DOM, no Pagefind import, so
 * the shapes below describe only the fields we read from Pagefind's
 * `result.data()`.
 */

/** A run of excerpt text; `mark` when Pagefind highlighted it as a match. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface SearchSection {
  url: string;
  title: string;
  excerpt: Segment[];
}

export interface SearchHit {
  url: string;
  title: string;
  excerpt: Segment[];
  /** Headings of the page whose sections match, best first. */
  sections: SearchSection[];
}

/** The parts of Pagefind's result fragment that the dialog uses. */
export interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: {
    title: string;
    url: string;
    excerpt: string;
    locations?: number[];
    weighted_locations?: { balanced_score: number }[];
    anchor?: { element: string; id: string };
  }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Splits a Pagefind excerpt into plain text and highlighted runs. Only
 * `<mark>` and `</mark>` count as markup; anything else that looks like a tag
 * stays text, so rendering the segments with text nodes can never inject HTML.
 */
export function excerptSegments(excerpt: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of excerpt.split(/(<\/?mark>)/i)) {
    const lower = part.toLowerCase();
    if (lower === '<mark>') mark = true;
    else if (lower === '</mark>') mark = false;
    else if (part) {
      const text = decode(part);
      const last = segments.at(-1);
      if (last && last.mark === mark) last.text += text;
      else segments.push({ text, mark });
    }
  }
  return segments;
}

function sectionScore(sub: NonNullable<PagefindFragment['sub_results']>[number]): number {
  const weighted = sub.weighted_locations ?? [];
  if (weighted.length) return weighted.reduce((sum, w) => sum + w.balanced_score, 0);
  return sub.locations?.length ?? 0;
}

/**
 * One page result: its title (the page's h1, which Pagefind reads as the
 * title), its excerpt, and up to `maxSections` matching headings, best first.
 * The part of the page before its first sub-heading is the page itself, so
 * it is not repeated as a section.
 */
export function shapeHit(fragment: PagefindFragment, maxSections = 3): SearchHit {
  const title = fragment.meta.title?.trim() || fragment.url;
  const sections = (fragment.sub_results ?? [])
    .filter((sub) => sub.anchor && sub.anchor.element.toLowerCase() !== 'h1' && sub.url !== fragment.url)
    .map((sub, order) => ({ sub, order, score: sectionScore(sub) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, maxSections)
    .map(({ sub }) => ({ url: sub.url, title: sub.title.trim(), excerpt: excerptSegments(sub.excerpt) }));
  return { url: fragment.url, title, excerpt: excerptSegments(fragment.excerpt), sections };
}

/**
 * The next selected option after an arrow key, among `count` options;
 * -1 means none is selected. Both ends wrap around.
 */
export function moveSelection(current: number, key: string, count: number): number {
  if (count <= 0) return -1;
  if (key === 'ArrowDown') return current < 0 || current >= count - 1 ? 0 : current + 1;
  if (key === 'ArrowUp') return current <= 0 ? count - 1 : current - 1;
  return current >= count ? -1 : current;
}
