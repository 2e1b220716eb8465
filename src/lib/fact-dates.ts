/** How a fact's checked day reads in a language: "Dec 2026" beside the fact, "3 December 2026" in the list. */
export function factMonth(checked: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${checked}T00:00:00Z`));
}

export function factDay(checked: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${checked}T00:00:00Z`));
}
