import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { readCourseConfig } from '../../../src/config/course-config';
import { chapterSchema } from '../../../src/config/schema';
import { buildCourse, type ChapterSource } from '../../../src/lib/course-model';

mkdirSync('tests/.tmp', { recursive: true });
const work = mkdtempSync(resolve('tests/.tmp/new-chapter-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function newChapter(content: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/new-chapter.mjs', ...args], { env: { ...process.env, WAYMARK_CONTENT: content }, encoding: 'utf8' });
}

function sources(content: string): ChapterSource[] {
  return ['en', 'zh-cn'].flatMap((locale) =>
    readdirSync(join(content, locale)).map((file) => {
      const source = readFileSync(join(content, locale, file), 'utf8');
      const meta = chapterSchema.parse(load(/^---\n([\s\S]*?)\n---/.exec(source)![1]!));
      return { locale, slug: file.replace(/\.mdx$/, ''), file: `${locale}/${file}`, meta, source };
    }),
  );
}

describe('npm run new:chapter', () => {
  it('creates the chapter in every locale, valid and last in the learning path', () => {
    const content = join(work, 'course');
    cpSync('tests/fixtures/small-course', content, { recursive: true });
    const result = newChapter(content, 'caching-strategies', '--title', 'Caching strategies');
    expect(result.status).toBe(0);
    const config = readCourseConfig(content);
    expect(config.sections.at(-1)).toEqual({ chapters: ['third', 'caching-strategies'] });
    // The fixture's third chapter places walkthroughs, so they go in too.
    const files = readdirSync(join(content, 'walkthroughs')).map((id) => join(content, 'walkthroughs', id, 'walkthrough.json'));
    const course = buildCourse(sources(content), config.locales, {
      walkthroughs: files.map((file) => ({ ...JSON.parse(readFileSync(file, 'utf8')), file })),
      glossary: new Set(['fixture-term']),
      path: { order: config.order, file: config.file },
    });
    expect(course.at(-1)).toMatchObject({ id: 'caching-strategies', slug: 'caching-strategies', order: 3, items: [] });
    expect(course.at(-1)!.text.en!.title).toBe('Caching strategies');
  });

  it('adds the chapter to a named section, keeping course.json valid and readable', () => {
    const content = join(work, 'section');
    cpSync('tests/fixtures/small-course', content, { recursive: true });
    expect(newChapter(content, 'extra', '--section', 'basics').status).toBe(0);
    const config = readCourseConfig(content);
    expect(config.order).toEqual(['first', 'second', 'extra', 'third']);
    expect(readFileSync(join(content, 'course.json'), 'utf8')).toContain('"chapters": ["first", "second", "extra"]');
  });

  it('refuses an unknown section and writes nothing', () => {
    const content = join(work, 'no-section');
    cpSync('tests/fixtures/small-course', content, { recursive: true });
    const before = readFileSync(join(content, 'course.json'), 'utf8');
    const result = newChapter(content, 'extra', '--section', 'nope');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no section "nope"');
    expect(readFileSync(join(content, 'course.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(content, 'en'))).not.toContain('extra.mdx');
  });

  it.each([
    ['an existing slug', ['first'], 'already exists'],
    ['a slug that is not kebab-case', ['Caching Strategies'], 'kebab-case slug'],
    ['no slug', [], 'kebab-case slug'],
  ])('refuses %s and writes nothing', (_name, args, message) => {
    const content = join(work, `refuse-${args.join('-') || 'none'}`);
    cpSync('tests/fixtures/small-course', content, { recursive: true });
    const before = readdirSync(join(content, 'en')).length;
    const result = newChapter(content, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(readdirSync(join(content, 'en')).length).toBe(before);
  });
});
