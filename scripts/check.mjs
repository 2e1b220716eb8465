// npm run check [-- <content-dir>]: validates a course without building it.
// Loads the project's TypeScript through Vite, like the build does.
import { createServer } from 'vite';

if (process.argv[2]) process.env.WAYMARK_CONTENT = process.argv[2];
const server = await createServer({
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
let failed = true;
try {
  const { checkContent } = await server.ssrLoadModule('/scripts/lib/check-content.ts');
  const { problems, summary } = checkContent();
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  for (const p of sorted) console.log(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  console.log(problems.length ? `\n${problems.length} problem${problems.length === 1 ? '' : 's'} found (${summary})` : `content ok: ${summary}`);
  failed = problems.length > 0;
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
