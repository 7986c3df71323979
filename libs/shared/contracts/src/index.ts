export * from './lib/api-paths';
export * from './lib/audit';
export * from './lib/auth';
export * from './lib/client-errors';
export * from './lib/errors';
export * from './lib/health';
export * from './lib/org';
