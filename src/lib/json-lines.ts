/**
 * Line numbers for places in a JSON file, so a schema problem at
 * `path.2.chapters.0` can be reported as `course.json:14`. A small scanner
 * over the text that records where each value starts; it assumes the text
 * already parsed as JSON.
 */

export type JsonPath = readonly (string | number)[];

const key = (path: JsonPath) => path.map(String).join('\u0000');

/** Every value's path mapped to the 1-based line its value starts on. */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line += 1;
      i += 1;
    }
  };
  const readString = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: (string | number)[]): void => {
    skipSpace();
    lines.set(key(path), line);
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      while (i < text.length) {
        skipSpace();
        const name = readString();
        skipSpace();
        i += 1; // :
        value([...path, name]);
        skipSpace();
        if (text[i++] === '}') return;
      }
    } else if (ch === '[') {
      i += 1;
      skipSpace();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (let n = 0; i < text.length; n += 1) {
        value([...path, n]);
        skipSpace();
        if (text[i++] === ']') return;
      }
    } else if (ch === '"') readString();
    else while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i += 1;
  };

  value([]);
  return lines;
}

/**
 * The line of the value at `path`, or of its nearest ancestor that exists
 * (a missing field is reported where its object starts).
 */
export function jsonLine(lines: Map<string, number>, path: JsonPath): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const found = lines.get(key(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return 1;
}

/** A schema issue as zod reports it: where, and what is wrong. */
interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** Schema issues of one JSON file as problems, each with the line it concerns. */
export function schemaProblems(file: string, text: string, issues: readonly SchemaIssue[]): { file: string; line: number; message: string }[] {
  const lines = jsonValueLines(text);
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    return { file, line: jsonLine(lines, path), message: `${path.join('.') || '(root)'}: ${issue.message}` };
  });
}
