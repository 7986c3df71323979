import { dropDatabase } from './databases';

export default async function globalTeardown(): Promise<void> {
  const url = process.env['HYRKOLL_IT_OWNER_URL'];
  if (url) await dropDatabase(url);
}
