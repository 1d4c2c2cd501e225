export * from './types';
export { interpretAbsenceMessage, mayNameItems, mayNameSubstitute } from './interpret';
export { describeAbsenceIntent, formatMeetingTime } from './describe';
