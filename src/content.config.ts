import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema, courseSchema } from './config/schema';
import { contentDir } from './config/content-dir';

export const collections = {
  course: defineCollection({ loader: glob({ pattern: 'course.json', base: contentDir }), schema: courseSchema }),
  chapters: defineCollection({ loader: glob({ pattern: '*/*.mdx', base: contentDir }), schema: chapterSchema }),
};
