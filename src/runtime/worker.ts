/// <reference lib="webworker" />
/**
 * The worker entry: wires the protocol to the Python runtime, nothing more.
 */
import type { FromWorker, ToWorker } from './protocol';
import { PythonRuntime } from './python-runtime';

const runtime = new PythonRuntime();
const post = (message: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

self.addEventListener('message', async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    try {
      const python = await runtime.load(
        message.indexURL,
        message.sizes,
        (loaded, total) => post({ type: 'progress', id: message.id, loaded, total }),
        message.interruptBuffer,
        message.snapshot,
      );
      post({ type: 'ready', id: message.id, python, from: runtime.startedFrom ?? 'fresh' });
    } catch (error) {
      post({ type: 'error', id: message.id, message: String(error), fatal: true });
    }
  } else if (message.type === 'run') {
    const started = performance.now();
    try {
      const result = runtime.run(message.spec, message.files, message.lang);
      post({ type: 'result', id: message.id, result, ms: performance.now() - started });
    } catch (error) {
      // Python errors are caught by the harness; anything reaching here means
      // the interpreter itself failed (a wasm trap, an out-of-memory abort).
      post({ type: 'error', id: message.id, message: String(error), fatal: true });
    }
  } else if (message.type === 'serve') {
    const started = performance.now();
    try {
      const response = runtime.serve(message.release, message.request, message.body, message.lang);
      post({ type: 'served', id: message.id, response, ms: performance.now() - started });
    } catch (error) {
      post({ type: 'error', id: message.id, message: String(error), fatal: true });
    }
  }
});
