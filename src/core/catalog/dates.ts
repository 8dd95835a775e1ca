/** Whether an ISO `YYYY-MM-DD` string is a real calendar date (the schema's pattern lets 2025-02-31 through). */
export function isCalendarDate(date: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}
