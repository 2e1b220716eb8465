/**
 * Copy buttons for code blocks: real buttons, so Enter and Space work, with
 * the outcome announced through a polite live region.
 */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older browsers and insecure origins: copy through a temporary selection.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

class Prose extends HTMLElement {
  connectedCallback(): void {
    const { copy = 'Copy', copyLabel = copy, copied = '', copyFailed = '' } = this.dataset;
    const status = this.querySelector<HTMLElement>('[data-copy-status]');
    // Only the chapter's highlighted code; walkthrough output has its own place.
    for (const pre of this.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
      if (pre.parentElement?.classList.contains('code-block')) continue;
      const wrapper = document.createElement('div');
      wrapper.className = 'code-block';
      pre.replaceWith(wrapper);
      wrapper.append(pre);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      button.textContent = copy;
      button.setAttribute('aria-label', copyLabel);
      wrapper.prepend(button);
      let timer: ReturnType<typeof setTimeout> | undefined;
      button.addEventListener('click', async () => {
        let message = copied;
        try {
          await copyText(pre.querySelector('code')?.textContent ?? pre.textContent ?? '');
        } catch {
          message = copyFailed;
        }
        button.textContent = message;
        if (status) status.textContent = message;
        clearTimeout(timer);
        timer = setTimeout(() => {
          button.textContent = copy;
          if (status) status.textContent = '';
        }, 2000);
      });
    }
  }
}

customElements.define('wm-prose', Prose);
