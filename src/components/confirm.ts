/**
 * <wm-confirm>: Confirm.astro's question. The trigger opens it with focus
 * on the safe answer; either answer closes it and gives focus back to the
 * trigger, and yes first fires `confirmed` on this element.
 */
class Confirm extends HTMLElement {
  private listening?: AbortController;

  connectedCallback(): void {
    this.listening = new AbortController();
    const { signal } = this.listening;
    const trigger = document.getElementById(this.dataset.trigger!);
    if (!trigger) throw new Error(`wm-confirm: trigger #${this.dataset.trigger} missing`);
    const yes = this.querySelector<HTMLButtonElement>('[data-confirm-yes]')!;
    const no = this.querySelector<HTMLButtonElement>('[data-confirm-no]')!;
    const close = () => {
      this.hidden = true;
      trigger.focus();
    };
    trigger.addEventListener(
      'click',
      () => {
        this.hidden = false;
        no.focus();
      },
      { signal },
    );
    no.addEventListener('click', close, { signal });
    yes.addEventListener(
      'click',
      () => {
        this.dispatchEvent(new Event('confirmed'));
        close();
      },
      { signal },
    );
  }

  disconnectedCallback(): void {
    this.listening?.abort();
  }
}

customElements.define('wm-confirm', Confirm);
