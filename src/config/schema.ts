/**
 * Schemas for what authors write: the course file and chapter frontmatter.
 * Astro validates every file against them and names the file on failure.
 */
import { z } from 'astro/zod';
import { localeKeys } from './locales';
import { ITEM_ID_PATTERN } from '../lib/checklist-source';

const perLocale = (what: string) =>
  z.object(Object.fromEntries(localeKeys.map((l) => [l, z.string().min(1, `${what} in ${l} is empty`)])) as Record<
    (typeof localeKeys)[number],
    z.ZodString
  >);

export const courseSchema = z.object({
  /**
   * Namespaces the learner's stored progress and exported files. Changing it
   * starts every learner from zero, so pick it once.
   */
  id: z.string().regex(ITEM_ID_PATTERN, 'course id must be kebab-case, such as "deploying-python-web-apps"'),
  /** The course's name in every locale. */
  title: perLocale('title'),
  /** One or two sentences shown on the learning-path page, in every locale. */
  description: perLocale('description'),
});

export type CourseConfig = z.infer<typeof courseSchema>;

export const chapterSchema = z.object({
  /**
   * Stable id, identical in every language. Progress is stored under it, so
   * it must never change once learners have ticked items; the file name
   * (the URL) may change, the id may not.
   */
  id: z.string().regex(ITEM_ID_PATTERN, 'chapter id must be kebab-case, such as "platform-as-a-service"'),
  /** Shown as the page's h1 and in the learning path. */
  title: z.string().min(1),
  /** One or two sentences for the learning path and the page description. */
  summary: z.string().min(1).max(300),
  /** Position in the learning path; the same number in every language. */
  order: z.number().int().nonnegative(),
  /** When the chapter's dated facts (prices, versions, free tiers) were last checked. */
  updated: z.coerce.date().optional(),
});

export type ChapterMeta = z.infer<typeof chapterSchema>;
