/**
 * The shared glossary: every `glossary/*.json` file of the course (one per
 * chapter, so authors never edit the same file), validated and merged. An id
 * defined twice stops the build.
 */
import { join } from 'node:path';
import { contentDir } from '../config/content-dir';
import { glossaryFileSchema, type GlossaryEntryConfig } from '../config/schema';
import { ContentError, type ContentProblem } from '../lib/content-error';
import { readJsonFolder } from './json-folder';

export interface GlossaryEntry extends GlossaryEntryConfig {
  file: string;
}

export function loadGlossary(root = join(contentDir, 'glossary')): GlossaryEntry[] {
  const problems: ContentProblem[] = [];
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, string>();
  for (const { file, data, line } of readJsonFolder(root, glossaryFileSchema, problems)) {
    for (const [index, entry] of data.entries()) {
      const first = seen.get(entry.id);
      if (first) problems.push({ file, line: line([index, 'id']), message: `glossary id "${entry.id}" is already defined in ${first}` });
      seen.set(entry.id, file);
      entries.push({ ...entry, file });
    }
  }
  if (problems.length) throw new ContentError(problems);
  return entries;
}
