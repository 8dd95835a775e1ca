// An agreement's current status, derived from what happened to it (`AgreementData.events`) rather than stored beside
// it: the December 2025 pause of the US–UK deal changes the status by being recorded, and a status can never
// disagree with its own timeline. Agreements without status events (imported treaties) keep the WTO facts of
// `AgreementData.status`. Event dates may be partial (`2025-12`, `2025`) and sort as strings: a partial date comes
// before the fuller dates of its period (`2025-12` before `2025-12-16`).
import type { Agreement, AgreementState, AgreementStatus, EventData, EventKind } from '../catalog/model';

/** A treaty's WTO states, or what events make a document: `concluded` = signed (an MOU never "enters into force"). */
export type CurrentState = AgreementState | 'concluded' | 'released' | 'operative' | 'implementing' | 'paused' | 'ended';

export interface CurrentStatus {
  readonly state: CurrentState;
  /** Date the state began, as precise as the sources give it. */
  readonly since?: string;
  /** The event the state comes from; absent for a status taken from the WTO facts, which `wto` then holds. */
  readonly event?: EventData;
  readonly wto?: AgreementStatus;
}

/** What each status-changing kind of event makes the agreement; other kinds leave the status as it was. */
const STATE_AFTER: Partial<Record<EventKind, CurrentState>> = {
  signed: 'concluded',
  released: 'released',
  operative: 'operative',
  implementation: 'implementing',
  paused: 'paused',
  resumed: 'implementing',
  ended: 'ended',
};

export function changesStatus(kind: EventKind): boolean {
  return STATE_AFTER[kind] !== undefined;
}

/** Partial ISO dates in time order; equal dates keep their given order (the sort is stable). */
export function compareEventDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The agreement's events, oldest first. */
export function eventsInOrder(agreement: Pick<Agreement, 'events'>): EventData[] {
  return [...(agreement.events ?? [])].sort((a, b) => compareEventDates(a.date, b.date));
}

export function currentStatus(agreement: Pick<Agreement, 'events' | 'status'>): CurrentStatus | undefined {
  let latest: CurrentStatus | undefined;
  for (const event of eventsInOrder(agreement)) {
    const state = STATE_AFTER[event.kind];
    if (state) latest = { state, since: event.date, event };
  }
  if (latest) return latest;
  const status = agreement.status;
  if (!status) return undefined;
  return { state: status.state, since: status.state === 'in-force' ? status.inForce : status.state === 'inactive' ? status.inactive : undefined, wto: status };
}
