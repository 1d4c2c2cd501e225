export * from './types';
export * from './fold';
export * from './organisations';
export * from './sections';
export * from './person-line';
export * from './extract-roster-block';
export * from './parse-roster';
export * from './match-people';
