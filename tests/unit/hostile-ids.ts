/**
 * Ids that name something every plain object inherits. Outside data
 * (imported files, share links, the dashboard's files, storage) may use any
 * of them as a chapter or item id; none may reach an inherited property.
 */
export const HOSTILE_IDS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty'] as const;

/** Whether the progress codec's id rule lets the id through (ids start with a letter or digit). */
export const passesIdRule = (id: string) => /^[A-Za-z0-9]/.test(id);

export type RawMark = [chapter: string, item: string, done: boolean, at: string];

/**
 * The `chapters` of a record as JSON text, written by hand so that `__proto__`
 * is a key like any other, as it is in a file or in storage.
 */
export function chaptersJson(marks: readonly RawMark[]): string {
  const byChapter = new Map<string, string[]>();
  for (const [chapter, item, done, at] of marks) {
    byChapter.set(chapter, [...(byChapter.get(chapter) ?? []), `${JSON.stringify(item)}:${JSON.stringify({ done, at })}`]);
  }
  return `{${[...byChapter].map(([chapter, items]) => `${JSON.stringify(chapter)}:{${items.join(',')}}`).join(',')}}`;
}

/** A stored progress record (JSON text) with these marks. */
export function recordJson(courseId: string, marks: readonly RawMark[]): string {
  return `{"version":1,"courseId":${JSON.stringify(courseId)},"chapters":${chaptersJson(marks)}}`;
}

/** An exported progress file (JSON text) with these marks. */
export function fileJson(courseId: string, marks: readonly RawMark[], extra: { learner?: string; exportedAt?: string } = {}): string {
  const head = {
    format: 'waymark-progress',
    version: 1,
    courseId,
    exportedAt: extra.exportedAt ?? '2026-11-21T10:00:00.000Z',
    ...(extra.learner ? { learner: extra.learner } : {}),
  };
  return `${JSON.stringify(head).slice(0, -1)},"chapters":${chaptersJson(marks)}}`;
}

/** Every `[chapter, item, mark]` a record holds, as its own properties say, sorted. */
export function ownMarks(chapters: object): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  for (const chapter of Object.keys(chapters)) {
    const items = (chapters as Record<string, object>)[chapter]!;
    for (const item of Object.keys(items)) out.push([chapter, item, (items as Record<string, unknown>)[item]]);
  }
  return out.sort(([a, b], [c, d]) => (a + '/' + b < c + '/' + d ? -1 : 1));
}

/** True while nothing has been written onto the objects every program shares. */
export function prototypesClean(): boolean {
  const probes = ['done', 'at', 'a', 'x', 'first-a', 'prototype', 'constructor', 'toString', 'hasOwnProperty'];
  const plain = {} as Record<string, unknown>;
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join() === BASELINE &&
    probes.every((p) => !Object.hasOwn(Object.prototype.toString, p) || p === 'length' || p === 'name') &&
    plain.done === undefined &&
    plain.at === undefined
  );
}
const BASELINE = Object.getOwnPropertyNames(Object.prototype).sort().join();
