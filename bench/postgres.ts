import pg from 'pg';

/** Runs `fn` with a connection of its own, closed afterwards: for creating and dropping bench schemas. */
export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
