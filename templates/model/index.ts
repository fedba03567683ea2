/** Pure builders from the core's outcomes to report models: no I/O, no clock. */
export * from './annual.js';
export * from './bulletin.js';
export * from './common.js';
export * from './context.js';
export * from './figures.js';
export * from './history.js';
export * from './quarterly.js';
export * from './unit-report.js';
export * from './weekly-reminder.js';
export * from './light.js';
export * from './unit-insight.js';
