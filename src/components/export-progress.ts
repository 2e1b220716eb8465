import { progressFileName, toProgressFile } from '../lib/progress-codec';
import { learnerStore } from '../stores/learner';
import { el, pageProgress } from './page-data';
import { saveFile } from './save-file';

/** Downloads the progress as a file, with the name the learner typed (remembered for next time). */
class ExportProgress extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const store = pageProgress();
    const learner = learnerStore(store.courseId);
    const input = el<HTMLInputElement>(this, 'input[name="learner"]');
    const button = el<HTMLButtonElement>(this, 'button');

    input.value = learner.$learner.get();
    input.addEventListener('change', () => learner.setLearner(input.value));
    button.addEventListener('click', () => {
      const now = new Date();
      const name = input.value;
      learner.setLearner(name);
      const file = toProgressFile(store.$progress.get(), now, name);
      saveFile(progressFileName(store.courseId, now, name), JSON.stringify(file, null, 2), 'application/json');
    });
    // Another tab's name shows here, except while the learner is typing one.
    this.stop = learner.$learner.subscribe((name) => {
      if (document.activeElement !== input) input.value = name;
    });
    input.disabled = false;
    button.disabled = false;
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-export-progress', ExportProgress);
