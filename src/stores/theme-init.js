// Applies a chosen theme before first paint (Base.astro links it in <head>;
// see there why it is a classic script file). A classic script cannot
// import, so it holds its own copy of the key (THEME_KEY in storage.ts) and
// the decoder (decodeTheme in preferences.ts); tests/unit/stores/
// preferences.test.ts runs this file against both, so they cannot drift
// apart. It sits in src/stores because only src/stores touches storage.
try {
  const theme = localStorage.getItem('waymark:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage blocked: the system theme applies
}
