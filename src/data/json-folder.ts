/**
 * A folder of per-chapter JSON files (glossary/, facts/): each file read,
 * parsed and validated against its schema, in name order. Files that do not
 * parse or validate become problems with their line; the rest are handed on
 * with a line finder for their values.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'astro/zod';
import type { ContentProblem } from '../lib/content-error';
import { jsonLine, jsonValueLines, schemaProblems, type JsonPath } from '../lib/json-lines';

export interface JsonFile<T> {
  /** Path for messages, relative to the project root. */
  file: string;
  data: T;
  /** The line of the value at a path in the file. */
  line(path: JsonPath): number;
}

export function readJsonFolder<T>(root: string, schema: z.ZodType<T>, problems: ContentProblem[]): JsonFile<T>[] {
  if (!existsSync(root)) return [];
  const files: JsonFile<T>[] = [];
  for (const name of readdirSync(root)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = relative(process.cwd(), join(root, name));
    const text = readFileSync(join(root, name), 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problems.push({ file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, text, parsed.error.issues));
      continue;
    }
    const lines = jsonValueLines(text);
    files.push({ file, data: parsed.data, line: (path) => jsonLine(lines, path) });
  }
  return files;
}
