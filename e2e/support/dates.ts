/**
 * The date `n` days from today in Sweden, as YYYY-MM-DD: the day the API's rules call today
 * (an order may not start before it), also in the hour when the UTC date is another.
 */
export function daysFromToday(n: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + n)).toISOString().slice(0, 10);
}
