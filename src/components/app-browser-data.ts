/**
 * What AppBrowser.astro hands to <wm-app-browser>: its strings, typed once
 * for both sides (the script imports the type only).
 */
import type { StringSpec, UiStrings } from '../i18n/ui-strings';

export const appBrowserStringKeys = {
  release: 'app.release',
  loading: 'app.loading',
  loaded: 'app.loaded',
  redeployed: 'app.redeployed',
  addressRefused: 'app.addressRefused',
  offsite: 'app.offsite',
  offsiteTitle: 'app.offsiteTitle',
  tooManyRedirects: 'app.tooManyRedirects',
  timeoutTitle: 'app.timeoutTitle',
  timeout: 'app.timeout',
  crashedTitle: 'app.crashedTitle',
  crashed: 'app.crashed',
  loadFailed: 'app.loadFailed',
  noCookies: 'app.noCookies',
  cookiesCaption: 'app.cookiesCaption',
  cookiesCleared: 'app.cookiesCleared',
  session: 'app.session',
  sameSiteDefault: 'app.sameSiteDefault',
  noRequests: 'app.noRequests',
  ms: 'app.ms',
  fromCache: 'app.fromCache',
  revalidated: 'app.revalidated',
  platform: 'app.platform',
  details: 'app.details',
  frameTitle: 'app.frameTitle',
} as const satisfies StringSpec;

export type AppBrowserStrings = UiStrings<typeof appBrowserStringKeys>;
