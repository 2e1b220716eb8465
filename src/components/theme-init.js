// Applies a chosen theme before first paint (see Base.astro).
try {
  var theme = localStorage.getItem('waymark:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {
  // storage blocked: the system theme applies
}
