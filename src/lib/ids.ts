/**
 * Course, chapter, section and item ids are kebab-case ASCII, so they read
 * well in exported files, URLs and storage keys.
 */
export const ITEM_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
