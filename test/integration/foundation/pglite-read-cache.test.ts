import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../bot/store/migrate';
import { PGliteDialect } from '../../../bot/store/pglite-dialect';
import { PGliteReadCache } from '../../../bot/store/pglite-read-cache';
import type { DB } from '../../../bot/store/schema';
import { createStore } from '../../../bot/store/store';
import type { Person } from '../../../shared/domain';

/**
 * The read cache against the database itself: the same PGlite answers through a Kysely with the cache and
 * through one without it, and every answer must be the same. Both share PGlite's one connection, so every
 * statement here is awaited before the next one starts.
 */

const TENANT = '11111111-1111-1111-1111-111111111111';
let dir: string;
let pglite: PGlite;
let cache: PGliteReadCache;
let cached: Kysely<DB>;
let plain: Kysely<DB>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radslag-read-cache-'));
  // The parsers of bot/store/database.ts: dates and int8 stay strings.
  pglite = await PGlite.create(join(dir, 'pgdata'), { parsers: { 1082: (v: string) => v, 20: (v: string) => v } });
  cache = new PGliteReadCache();
  cached = new Kysely<DB>({ dialect: new PGliteDialect(pglite, cache) });
  plain = new Kysely<DB>({ dialect: new PGliteDialect(pglite, null) });
  await migrate(cached, { postgres: false });
  await sql`create table ca (id int primary key, v int not null, tag text unique)`.execute(cached);
  await sql`create table cb (id int primary key, a_id int not null, w text not null)`.execute(cached);
});

afterAll(async () => {
  await cached?.destroy();
  await plain?.destroy();
  await pglite?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = { rows: unknown[] } | { error: string };

class RollBack extends Error {}
/** Lets the rollback a test asked for pass, and every other error (a failed expect) through. */
const rolledBack = (e: unknown) => {
  if (!(e instanceof RollBack)) throw e;
};

async function outcome(q: RawBuilder<unknown>, db: Kysely<any>): Promise<Outcome> {
  try {
    return { rows: (await q.execute(db)).rows };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Deterministic, so a failure can be replayed from the seed in its message. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

describe('the read cache answers as the database does', () => {
  const SEED = 20240610;
  const rnd = random(SEED);
  const id = () => 1 + rnd.int(12);
  const tag = () => rnd.pick(['a', 'b', 'c', 'd', 'e', null]);

  const reads = (): RawBuilder<unknown>[] => [
    sql`select * from ca order by id`,
    sql`select * from ca where id = ${id()}`,
    sql`select id from ca where tag = ${tag() ?? 'a'}`,
    sql`select count(*) as n from cb`,
    sql`select ca.id, ca.v, cb.w from ca join cb on cb.a_id = ca.id order by cb.id`,
    sql`select * from cb where a_id in (select id from ca where v > ${rnd.int(5)}) order by id`,
    sql`select * from ca where v >= ${rnd.int(5)} order by id for update`,
  ];

  const writes = (): RawBuilder<unknown>[] => [
    sql`insert into ca (id, v, tag) values (${id()}, ${rnd.int(8)}, ${tag()})`,
    sql`insert into ca (id, v, tag) values (${id()}, ${rnd.int(8)}, ${tag()}) on conflict (id) do update set v = excluded.v`,
    sql`insert into ca (id, v) values (${id()}, ${rnd.int(8)}) on conflict do nothing`,
    sql`update ca set v = v + 1 where id = ${id()}`,
    sql`update ca set tag = ${tag()} where id = ${id()}`,
    sql`insert into cb (id, a_id, w) values (${id()}, ${id()}, ${rnd.pick(['x', 'y', 'z'])})`,
    sql`update cb set w = w || ${'+'} where a_id = ${id()}`,
    sql`delete from ca where id = ${id()}`,
    sql`delete from cb where a_id = ${id()}`,
  ];

  let compared = 0;
  /** Each read twice through the cache (the second one may be a hit) and once without it. */
  async function compare(db: Kysely<any>, step: string) {
    for (const q of reads()) {
      const first = await outcome(q, db);
      const again = await outcome(q, db);
      const truth = await outcome(q, plain);
      expect(first, `${step}: ${q.compile(db).sql}`).toEqual(truth);
      expect(again, `${step}: ${q.compile(db).sql}`).toEqual(truth);
      compared++;
    }
  }

  it(`over a few hundred random writes, in and out of transactions (seed ${SEED})`, async () => {
    let failures = 0;
    for (let step = 0; step < 300; step++) {
      const label = `step ${step} (seed ${SEED})`;
      const r = rnd.next();
      if (r < 0.5) {
        // A write outside a transaction; it may fail on a key or the unique tag.
        if ('error' in (await outcome(rnd.pick(writes()), cached))) failures++;
        await compare(cached, label);
        continue;
      }
      const end = rnd.pick(['commit', 'throw', 'fail then throw', 'fail then commit'] as const);
      await cached
        .transaction()
        .execute(async (tx) => {
          for (let n = 1 + rnd.int(4); n > 0; n--) {
            await outcome(rnd.pick(writes()), tx);
            await compare(tx, `${label} in a transaction`);
          }
          if (end.startsWith('fail')) {
            const clash = await outcome(sql`insert into ca (id, v) select id, v from ca`, tx);
            const empty = 'rows' in clash;
            if (!empty) failures++;
            // PostgreSQL now refuses every statement until the transaction ends; so must the cache.
            await compare(tx, `${label} after a failed statement`);
          }
          if (end.endsWith('throw')) throw new RollBack();
        })
        .catch(rolledBack);
      await compare(cached, `${label} after ${end}`);
    }
    // The test proves something only if the cache answered often and writes did fail.
    expect(cache.hits).toBeGreaterThan(1000);
    expect(failures).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(3000);
  });
});

describe('the repositories over the cache', () => {
  function person(name: string): Person {
    return { id: `p-${name}`, tenantId: TENANT, name, email: null, aadObjectId: null, userPrincipalName: null, title: null, organisationId: null, isAdmin: false, locale: null, version: 1 };
  }

  it('reads the old value after a rolled back update and the new one after a committed one', async () => {
    const store = createStore(cached, 'pglite', TENANT);
    const p = await store.read.people.insert(person('Anna'));
    expect((await store.read.people.get(p.id))?.name).toBe('Anna');
    const hits = cache.hits;
    expect((await store.read.people.get(p.id))?.name).toBe('Anna');
    expect(cache.hits).toBe(hits + 1);

    await expect(
      store.transaction(async (tx) => {
        await tx.people.update({ ...p, name: 'Berit' });
        expect((await tx.people.get(p.id))?.name).toBe('Berit');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await store.read.people.get(p.id)).toMatchObject({ name: 'Anna', version: 1 });

    await store.transaction(async (tx) => {
      await tx.people.update({ ...p, name: 'Cecilia' });
    });
    expect(await store.read.people.get(p.id)).toMatchObject({ name: 'Cecilia', version: 2 });
    expect(await createStore(plain, 'pglite', TENANT).read.people.get(p.id)).toMatchObject({ name: 'Cecilia', version: 2 });
  });
});

describe('a failed statement inside a transaction', () => {
  const all = sql`select * from ca order by id`;
  const others = sql`select * from cb order by id`;

  beforeAll(async () => {
    await sql`delete from cb`.execute(cached);
    await sql`delete from ca`.execute(cached);
    await sql`insert into ca (id, v, tag) values (1, 10, 'one'), (2, 20, 'two')`.execute(cached);
    await sql`insert into cb (id, a_id, w) values (1, 1, 'w')`.execute(cached);
  });

  for (const end of ['rollback', 'commit'] as const) {
    it(`leaves the cache as the database after ${end}`, async () => {
      const before = await outcome(all, plain);
      await outcome(all, cached);
      await outcome(others, cached);
      await cached
        .transaction()
        .execute(async (tx) => {
          await sql`update ca set v = v + 1`.execute(tx);
          await expect(sql`insert into ca (id, v, tag) values (3, 30, 'one')`.execute(tx)).rejects.toThrow(/unique/);
          // cb was read before and never written here: the database still refuses to answer it.
          expect(await outcome(others, tx)).toMatchObject({ error: expect.stringMatching(/aborted/) });
          expect(await outcome(all, tx)).toMatchObject({ error: expect.stringMatching(/aborted/) });
          // A COMMIT of a failed transaction rolls it back.
          if (end === 'rollback') throw new RollBack();
        })
        .catch(rolledBack);
      expect(await outcome(all, plain)).toEqual(before);
      expect(await outcome(all, cached)).toEqual(before);
      expect(await outcome(others, cached)).toEqual(await outcome(others, plain));
    });
  }
});
