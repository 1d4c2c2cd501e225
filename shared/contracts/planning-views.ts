/** What the API answers for planning: the body's upcoming dates and how the kallelse reached each person. */
import type { CardDelivery } from '../services/delivery-failure';

/** GET /bodies/:id/upcoming-dates: a date from "Kommande möten" of the body's minutes, and whether it is planned. */
export interface UpcomingDateView {
  date: string;
  note: string | null;
  /** A meeting of the body (not cancelled) is already planned that day. */
  planned: boolean;
}

/** POST /meetings/series */
export interface MeetingSeriesResult {
  meetingIds: string[];
}

/** GET /meetings/:id/kallelse: each person called and how their 1:1 card fared. */
export interface KallelseOverview {
  meetingId: string;
  sentAt: string | null;
  people: Array<{ personId: string; name: string; email: string | null; delivery: CardDelivery | null }>;
}
