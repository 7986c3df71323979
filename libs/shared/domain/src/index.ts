export * from './lib/month';
export * from './lib/price-zone';
