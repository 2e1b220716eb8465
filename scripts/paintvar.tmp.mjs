import { measurePaint, printPaint } from './lib/bench-paint.mjs';
printPaint(await measurePaint({ dist: '/tmp/pp/var', chapters: process.argv.slice(2).map((v) => `en/chapters/${v}`), runs: 9 }));
