export * from './types';
export { interpretAbsenceMessage, mayNameItems, mayNameSubstitute } from './interpret';
export { describeAbsenceIntent, describeAbsencePhrase, formatMeetingTime, meetingPhrase, partialText, phrase, own, plainPhrase, joinPhrases, type Phrase } from './describe';
export { detectLanguage } from './language';
