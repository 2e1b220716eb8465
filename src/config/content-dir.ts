/**
 * Where the course lives: `content/` by default. `WAYMARK_CONTENT` points the
 * same engine at another course folder (the test suite builds a small
 * fixture course this way).
 */
export const contentDir = process.env.WAYMARK_CONTENT ?? './content';
