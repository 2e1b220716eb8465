// Theme before first paint. Can't import: a unit test holds this key and check equal to THEME_KEY and decodeTheme.
try {
  const theme = localStorage.getItem('waymark:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage blocked: the system theme applies
}
