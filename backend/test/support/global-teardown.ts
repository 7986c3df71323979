import { dropDatabase } from './databases';

export default async function globalTeardown(): Promise<void> {
  const url = process.env['HYRKOLL_IT_DATABASE_URL'];
  if (url) await dropDatabase(url);
}
