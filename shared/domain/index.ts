export * from './council';
export * from './meeting';
export * from './agenda';
export * from './attendance';
export * from './decision';
export * from './policy';
export * from './serving';
