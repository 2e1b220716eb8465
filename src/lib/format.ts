/**
 * The little string formatting the browser does: filling `{{name}}` slots in
 * strings that were translated at build time, and picking a plural form.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

export function formatPlural(forms: Record<string, string>, count: number, lang: string): string {
  const category = new Intl.PluralRules(lang).select(count);
  return fill(forms[category] ?? forms.other ?? '', { count });
}

/** A byte count for people: "51.2 MB", "980 bytes". */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
