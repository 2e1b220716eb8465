import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema } from './config/schema';
import { contentDir } from './config/content-dir';

export const collections = {
  chapters: defineCollection({ loader: glob({ pattern: '*/*.mdx', base: contentDir }), schema: chapterSchema }),
};
