export * from './types';
export { interpretAbsenceMessage, mayNameSubstitute } from './interpret';
export { describeAbsenceIntent, formatMeetingTime } from './describe';
