/**
 * Schemas for what authors write: chapter frontmatter, walkthroughs and
 * glossary files. Astro and the loaders validate every file against them and
 * name the file on failure. The course file has its own module,
 * `course-config.ts`, because everything else depends on it.
 */
import { z } from 'astro/zod';
import { localeKeys } from './course-config';
import { uiLocaleKeys } from './locales';
import { ITEM_ID_PATTERN } from '../lib/ids';
import checkTypeTable from '../runtime/python/waymark/check_types.json';

/** An item of this chapter (`item-id`) or of another one (`chapter-id/item-id`), as `renamed` and `retired` name them. */
const ITEM_REF_PATTERN = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const chapterSchema = z
  .object({
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
    /** When the chapter's dated facts (prices, versions, free tiers) were last checked. */
    updated: z.coerce.date().optional(),
    /**
     * Items renamed since learners could tick them: `{ old-id: new-id }`, so
     * their ticks follow. The old id is this chapter's, or `chapter/old-id`
     * for an item moved here from another chapter; the new id is an item of
     * this chapter. The same entries in every language (see `src/lib/renames.ts`).
     */
    renamed: z
      .record(
        z.string().regex(ITEM_REF_PATTERN, 'renamed: old ids are "item-id" or "chapter-id/item-id"'),
        z.string().regex(ITEM_ID_PATTERN, 'renamed: new ids are item ids such as "deploy-app"'),
      )
      .optional(),
    /**
     * Optional: removed items' last text in this language, `{ item-id: "text" }`
     * (or `chapter/item-id`), shown beside their kept ticks on the progress
     * page. The same ids in every language.
     */
    retired: z.record(z.string().regex(ITEM_REF_PATTERN, 'retired: ids are "item-id" or "chapter-id/item-id"'), z.string().min(1)).optional(),
    // The chapter's place in the learning path is set in course.json ("path"),
    // once for every language; unknown fields, such as a leftover `order`, are
    // refused so a typo never passes silently.
  })
  .strict();

export type ChapterMeta = z.infer<typeof chapterSchema>;

const localizedText = z.object(
  Object.fromEntries(localeKeys.map((l) => [l, z.string().min(1, `text in ${l} is empty`)])) as Record<(typeof localeKeys)[number], z.ZodString>,
);

const kebab = z.string().regex(ITEM_ID_PATTERN, 'ids are kebab-case, such as "add-procfile"');

export const requestSchema = z.object({
  method: z.string().default('GET'),
  /** Path and query string, as the app sees them: "/notes?tag=a". */
  path: z.string().startsWith('/'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  /** deploy steps: run the Procfile's worker process until the queue is empty before sending this request. */
  afterWorker: z.boolean().optional(),
});

/** A check's translated failures: key → a Python `str.format` template per language, the same placeholders in each. */
const checkMessages = z.record(kebab, localizedText);

/** What each kind of parameter in `check_types.json` accepts. */
const parameterKinds = {
  integer: z.number().int(),
  index: z.number().int().min(0, 'request indexes count from 0'),
  string: z.string(),
  code: z.string().min(1),
  messages: checkMessages,
} satisfies Record<string, z.ZodType>;

type ParameterKind = keyof typeof parameterKinds;

/** The check types, as the harness declares them (`src/runtime/python/waymark/check_types.json`). */
export const checkTypes = Object.fromEntries(Object.entries(checkTypeTable).filter(([name]) => !name.startsWith('//'))) as Record<
  string,
  Record<string, string>
>;

export type CheckType = keyof typeof checkTypes & string;

function checkVariant(type: string, params: Record<string, string>) {
  const shape: Record<string, z.ZodType> = {
    id: kebab,
    /** Shown to the learner, per language: "responds 200 on /". */
    name: localizedText,
    type: z.literal(type),
  };
  for (const [param, spec] of Object.entries(params)) {
    const kind = spec.replace(/\?$/, '') as ParameterKind;
    if (!Object.hasOwn(parameterKinds, kind)) throw new Error(`check_types.json: ${type}.${param} has unknown kind "${spec}"`);
    shape[param] = spec.endsWith('?') ? parameterKinds[kind].optional() : parameterKinds[kind];
  }
  return z.object(shape).strict();
}

/** A check as a walkthrough declares it; its parameters depend on its type. */
export interface CheckConfig {
  id: string;
  name: Record<string, string>;
  type: CheckType;
  /** python checks: what each failing `assert …, msg('key', value=…)` tells the learner, per language. */
  messages?: Record<string, Record<string, string>>;
  code?: string;
  [param: string]: unknown;
}

/**
 * A named check, run by the harness after the learner's code (see
 * `src/runtime/python/waymark/checks.py`). One variant per declared type,
 * each with exactly its declared parameters, so a typo is refused here
 * rather than ignored in the browser.
 */
export const checkSchema = z.discriminatedUnion(
  'type',
  Object.entries(checkTypes).map(([type, params]) => checkVariant(type, params)) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<CheckConfig>;

/** A rolling release: the instances run `previous` on the database in `database`; the step's requests are sent before the roll and after each instance is replaced. */
export const rolloutSchema = z.object({
  /** How many instances run at once. */
  instances: z.number().int().min(1).max(6).default(3),
  /** The running release's WSGI app, "module:callable", from one of the step's files. */
  previous: z.string().min(1),
  /** The running release's number; the learner's release is the next one. */
  release: z.number().int().min(1).default(1),
  /** The step's file holding the database as it is now, as SQL. */
  database: z.string().min(1),
  /** A one-off command run once every instance runs the new release, such as "python contract.py". */
  after: z.string().optional(),
  /** Then roll back to the previous release, one instance at a time, without running any migration. */
  rollback: z.boolean().default(false),
});

export const stepSchema = z.object({
  /** Stable id; edits are stored under `<walkthrough>/<step>`. */
  id: kebab,
  title: localizedText,
  /** script: run a file; wsgi: send requests to module:callable; deploy: the simulated platform; container: an image built from the Dockerfile and run; rollout: a rolling release across instances (see `rollout`); asgi: an ASGI app's lifespan and requests. */
  kind: z.enum(['script', 'wsgi', 'deploy', 'container', 'rollout', 'asgi']),
  /** script: the file to run; wsgi: "module:callable"; asgi: "module:callable" (default app:app). */
  entry: z.string().optional(),
  /** The files the learner edits, in tab order; each has a starter and a solution. */
  files: z.array(z.string().min(1)).min(1),
  requests: z.array(requestSchema).default([]),
  checks: z.array(checkSchema).min(1),
  hint: localizedText,
  /** Checklist item (of the walkthrough's chapter) ticked when every check passes. */
  item: kebab.optional(),
  /** How long a run may take before it is stopped. */
  timeoutMs: z.number().int().min(500).max(60_000).default(5_000),
  env: z.record(z.string(), z.string()).optional(),
  /** rollout steps: how the platform rolls the release (src/runtime/python/waymark/rollout.py). */
  rollout: rolloutSchema.optional(),
});

export const walkthroughSchema = z.object({
  id: kebab,
  /** The chapter (by id) the walkthrough appears in. */
  chapter: kebab,
  title: localizedText,
  steps: z.array(stepSchema).min(1),
});

export type WalkthroughConfig = z.infer<typeof walkthroughSchema>;
export type StepConfig = z.infer<typeof stepSchema>;

export const glossaryEntrySchema = z.object({
  /** Anchor on the glossary page, and what `<Term id>` names. */
  id: kebab,
  /** The term as written in each language (the Chinese may add an English original). */
  term: localizedText,
  /** One or two sentences per language. */
  definition: localizedText,
});

export const glossaryFileSchema = z.array(glossaryEntrySchema);
export type GlossaryEntryConfig = z.infer<typeof glossaryEntrySchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD, such as "2026-12-03"')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');

const localeList = z.array(z.enum(uiLocaleKeys as [string, ...string[]])).min(1);

/**
 * A fact that will change (a price, a version, a date, a law, an address),
 * recorded once with where it was checked and when, so a chapter can show
 * its age and `npm run check` can list the stale ones. Text and value are
 * per language where they need words; a fact shared by the languages is one
 * record, so the languages cannot disagree on it.
 */
export const factSchema = z
  .object({
    /** What `<Fact id>` names; unique in the course. */
    id: kebab,
    /** A short name per language, for the chapter's list of dated facts. */
    label: z.record(z.string(), z.string().min(1)),
    /**
     * What `<Fact id="…" />` shows: one string for every language (a version,
     * a date), or a text per language. Without it, `<Fact>` wraps the
     * author's own words.
     */
    value: z.union([z.string().min(1), z.record(z.string(), z.string().min(1))]).optional(),
    /** The primary source it was checked against. */
    source: z.url({ protocol: /^https?$/, error: 'source must be an http(s) address' }),
    /** The day it was last checked against the source. */
    checked: isoDate,
    /**
     * Only for facts that belong to some languages' chapters (China-specific
     * ones); every language otherwise. A fact none of whose languages the
     * course has (a one-language copy) is left out.
     */
    locales: localeList.optional(),
  })
  .strict();

export const factFileSchema = z.array(factSchema);
export type FactConfig = z.infer<typeof factSchema>;
