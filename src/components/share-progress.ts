import { encodeShareLink, shareUrl } from '../lib/share-link';
import { dataJson, el, pageData, pageProgress } from './page-data';
import type { shareStrings } from './progress-strings';
import type { UiStrings } from '../i18n/ui-strings';

/** Makes a share link of the progress as it is now, shown for copying; a link on show follows later ticks. */
class ShareProgress extends HTMLElement {
  private stop?: () => void;

  connectedCallback(): void {
    const store = pageProgress();
    const strings = dataJson<UiStrings<typeof shareStrings>>(this, 'strings');
    const course = { courseId: store.courseId, chapters: pageData().chapters };
    const make = el<HTMLButtonElement>(this, '[data-make]');
    const out = el(this, '.share-out');
    const field = el<HTMLInputElement>(this, 'input');
    const status = el(this, '[role="status"]');
    const select = () => {
      field.focus();
      field.select();
    };

    const build = () => {
      field.value = shareUrl(location.href, encodeShareLink(store.$progress.get(), course));
    };

    make.addEventListener('click', () => {
      build();
      status.textContent = '';
      out.hidden = false;
      select();
    });
    el(this, '[data-copy]').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = strings.copied;
      } catch {
        select();
        status.textContent = strings.copyFailed;
      }
    });
    this.stop = store.$progress.listen(() => {
      if (!out.hidden) build();
    });
    make.disabled = false;
  }

  disconnectedCallback(): void {
    this.stop?.();
  }
}

customElements.define('wm-share-progress', ShareProgress);
