import { fill, formatBytes } from '../lib/format';
import { offlineSupported, pythonSaved, removePython, savePython, storageEstimate, type PythonFiles } from '../offline/python-cache';
import { dataJson, el } from './page-data';

interface Strings {
  saving: string;
  saved: string;
  removed: string;
  failed: string;
  removeFailed: string;
  estimate: string;
}

/**
 * Save and Remove for the Python runtime's offline copy. The state shown is
 * read back from the cache after every change, never assumed.
 */
class OfflinePython extends HTMLElement {
  async connectedCallback(): Promise<void> {
    const strings = dataJson<Strings>(this, 'strings');
    const python = dataJson<PythonFiles>(this, 'python');
    const size = this.dataset.size ?? '';
    const lang = document.documentElement.lang;
    const save = el<HTMLButtonElement>(this, '[data-save]');
    const remove = el<HTMLButtonElement>(this, '[data-remove]');
    const bar = el<HTMLProgressElement>(this, '[data-progress]');
    const status = el(this, '[data-status]');
    const sizeNote = el(this, '[data-size-note]');
    const estimateText = el(this, '[data-estimate]');

    if (!offlineSupported()) {
      el(this, '[data-unsupported]').hidden = false;
      save.hidden = true;
      return;
    }

    const showEstimate = async () => {
      const estimate = await storageEstimate();
      estimateText.textContent = estimate ? fill(strings.estimate, { usage: formatBytes(estimate.usage, lang), quota: formatBytes(estimate.quota, lang) }) : '';
    };
    const showState = async (message?: string) => {
      const saved = await pythonSaved(python).catch(() => false);
      this.dataset.state = saved ? 'saved' : 'not-saved';
      save.hidden = saved;
      save.disabled = false;
      remove.hidden = !saved;
      sizeNote.hidden = saved;
      status.textContent = message ?? (saved ? fill(strings.saved, { size }) : '');
      await showEstimate();
    };

    save.addEventListener('click', async () => {
      save.disabled = true;
      bar.hidden = false;
      bar.removeAttribute('value');
      try {
        await savePython(python, (loaded, total) => {
          bar.max = total;
          bar.value = loaded;
          status.textContent = fill(strings.saving, { loaded: formatBytes(loaded, lang), total: formatBytes(total, lang) });
        });
        bar.hidden = true;
        await showState();
        remove.focus();
      } catch (error) {
        bar.hidden = true;
        await showState(fill(strings.failed, { message: error instanceof Error ? error.message : String(error) }));
      }
    });

    remove.addEventListener('click', async () => {
      remove.disabled = true;
      try {
        await removePython(python);
        await showState(strings.removed);
        save.focus();
      } catch (error) {
        await showState(fill(strings.removeFailed, { message: error instanceof Error ? error.message : String(error) }));
      } finally {
        remove.disabled = false;
      }
    });

    await showState();
  }
}

customElements.define('wm-offline-python', OfflinePython);
