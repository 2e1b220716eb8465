/**
 * The shared glossary: every `glossary/*.json` file of the course (one per
 * chapter, so authors never edit the same file), validated and merged. An id
 * defined twice stops the build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentDir } from '../config/content-dir';
import { glossaryFileSchema, type GlossaryEntryConfig } from '../config/schema';
import { ContentError, type ContentProblem } from '../lib/course-model';
import { jsonLine, jsonValueLines, schemaProblems } from '../lib/json-lines';

export interface GlossaryEntry extends GlossaryEntryConfig {
  file: string;
}

export function loadGlossary(root = join(contentDir, 'glossary')): GlossaryEntry[] {
  if (!existsSync(root)) return [];
  const problems: ContentProblem[] = [];
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(root).filter((f) => f.endsWith('.json')).sort()) {
    const file = relative(process.cwd(), join(root, name));
    const text = readFileSync(join(root, name), 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problems.push({ file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const parsed = glossaryFileSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, text, parsed.error.issues));
      continue;
    }
    const lines = jsonValueLines(text);
    for (const [index, entry] of parsed.data.entries()) {
      const first = seen.get(entry.id);
      if (first) problems.push({ file, line: jsonLine(lines, [index, 'id']), message: `glossary id "${entry.id}" is already defined in ${first}` });
      seen.set(entry.id, file);
      entries.push({ ...entry, file });
    }
  }
  if (problems.length) throw new ContentError(problems);
  return entries;
}
