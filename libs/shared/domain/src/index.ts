export * from './lib/access';
export * from './lib/month';
export * from './lib/price-zone';
