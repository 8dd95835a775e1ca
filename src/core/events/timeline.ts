// All agreements' events on one time line, for the Timeline view: newest first, as analysts read "what happened
// since". Cost: one pass over the agreements that have events (imported treaties have none), then a sort.
import type { Agreement, Catalog, EventData } from '../catalog/model';
import { compareEventDates } from './status';

export interface TimelineEntry {
  readonly agreement: Agreement;
  readonly event: EventData;
}

export function timeline(catalog: Catalog): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const agreement of catalog.agreements.values()) for (const event of agreement.events ?? []) entries.push({ agreement, event });
  return entries.sort((a, b) => compareEventDates(b.event.date, a.event.date));
}

/** The years that have events, newest first (the Timeline view's groups). */
export function timelineYears(entries: readonly TimelineEntry[]): string[] {
  return [...new Set(entries.map((e) => e.event.date.slice(0, 4)))];
}
