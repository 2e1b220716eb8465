/**
 * On every page: registers the service worker of a production build, scoped
 * to the site's base path. An update installs in the background and serves
 * the next page load; nothing here reloads the page. Where service workers
 * are unavailable (plain http, some private windows) the site simply works
 * online. The dev server gets none, and drops one a build left behind.
 */
const base = import.meta.env.BASE_URL;

if ('serviceWorker' in navigator) {
  if (import.meta.env.PROD) {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => undefined);
  } else {
    navigator.serviceWorker.getRegistration(base).then(
      (r) => r?.unregister(),
      () => undefined,
    );
  }
}
