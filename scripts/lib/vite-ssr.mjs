// A Vite server in middleware mode with no dependency scan, for scripts that
// load the project's TypeScript the way the build does (`ssrLoadModule`).
import { createServer } from 'vite';

export function ssrServer() {
  return createServer({
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
}
