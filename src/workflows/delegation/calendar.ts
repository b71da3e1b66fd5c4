/** Dates as the teams live them: calendar days in Europe/Paris, whatever the server's time zone. */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of `at` in Paris. */
export function parisDay(at: Date): string {
  return PARIS_DAY.format(at);
}

/** True when the text is a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** « 3 mars 2026 » */
export function formatFrenchDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
