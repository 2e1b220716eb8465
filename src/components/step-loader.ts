/**
 * A walkthrough's code (the step element with its tabs and confirmations, the
 * run store, the editor glue) loads when a step comes near the screen or the
 * learner reaches into one (pointer, focus, touch), not with the chapter: a
 * reader who never scrolls to a walkthrough downloads none of it, and the
 * chapter's own script stays small. Until then a step shows its starter files
 * as text and its controls stay disabled, as before any script is ready.
 */
const steps = [...document.querySelectorAll('wm-step')];
let loading = false;

function load(): void {
  if (loading) return;
  loading = true;
  observer?.disconnect();
  for (const step of steps) for (const type of INTENT) step.removeEventListener(type, load);
  void import('./step');
}

const INTENT = ['pointerover', 'focusin', 'touchstart'] as const;
// A screen's height of look-ahead: the code is there by the time the step is.
const observer =
  'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), { rootMargin: '100% 0px' })
    : undefined;
if (!observer) load();
for (const step of steps) {
  observer?.observe(step);
  for (const type of INTENT) step.addEventListener(type, load, { passive: true });
}
