/**
 * Problems in a course's files, each pointing at a file and, where known, a
 * line, with what to do about it. Builds and `npm run check` print them the
 * same way.
 */
export interface ContentProblem {
  file: string;
  line?: number;
  message: string;
}

/** Thrown when content cannot be built; lists every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(
      `Waymark found ${problems.length} content problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}
