export * from './types';
export { interpretAbsenceMessage } from './interpret';
export { describeAbsenceIntent, formatMeetingTime } from './describe';
