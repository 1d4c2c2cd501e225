import { describe, expect, it } from 'vitest';
import { classify, PGliteReadCache, tablesOf } from './pglite-read-cache';

const READ_A = 'select "id", "name" from "people" where "tenant_id" = $1';
const READ_B = 'select "id" from "bodies" where "tenant_id" = $1';
const P = ['t1'];

/** Answers one statement the way the driver does: the cache if it has it, else `db` and then `after`. */
function run(cache: PGliteReadCache, sql: string, db: unknown[] = [], params: unknown[] = P): unknown[] {
  const hit = cache.lookup(sql, params);
  if (hit) return hit.rows;
  cache.after(sql, params, db);
  return db;
}

/** True when the next lookup would be answered from the cache. */
const cached = (cache: PGliteReadCache, sql: string, params: unknown[] = P) => cache.lookup(sql, params) !== undefined;

describe('classify', () => {
  it.each([
    ['select * from "people"', 'read'],
    ['  SELECT 1 from "x"', 'read'],
    ['insert into "people" ("id") values ($1)', 'write'],
    ['insert into "people" ("id") values ($1) on conflict ("id") do update set "name" = excluded."name"', 'write'],
    ['update "people" set "name" = $1 where "id" = $2', 'write'],
    ['delete from "people" where "id" = $1', 'unknown'],
    ['select 1 from "a"; delete from "b"', 'unknown'],
    ['update "a" set "x" = 1; delete from "b"', 'unknown'],
    ['with x as (delete from "a" returning *) select * from x', 'unknown'],
    ['BEGIN', 'begin'],
    ['begin isolation level serializable', 'begin'],
    ['start transaction', 'begin'],
    ['COMMIT', 'end'],
    ['commit;', 'end'],
    ['rollback', 'end'],
    ['abort', 'end'],
    ['commit and chain', 'unknown'],
    ['truncate "people"', 'unknown'],
    ['create table "x" (id int)', 'unknown'],
    ['CHECKPOINT', 'neutral'],
    ['checkpoint; delete from "a"', 'unknown'],
  ] as const)('%s → %s', (sql, kind) => {
    expect(classify(sql)).toBe(kind);
  });

  // A ROLLBACK TO SAVEPOINT keeps the transaction open: treating it as the end would let the cache store
  // rows that are still uncommitted.
  it('does not take ROLLBACK TO SAVEPOINT for the end of the transaction', () => {
    expect(classify('rollback to savepoint s1')).not.toBe('end');
    expect(classify('ROLLBACK TRANSACTION TO s1')).not.toBe('end');
  });

  // A batch that starts with BEGIN may write in the same breath: it is not just a BEGIN.
  it('treats several statements starting with BEGIN or COMMIT as unknown', () => {
    expect(classify('begin; update "a" set "x" = 1')).toBe('unknown');
    expect(classify('commit; update "a" set "x" = 1')).toBe('unknown');
  });
});

// A table named with its schema, or one of several in a comma join, cannot be tied to the writes that change
// it for certain: such a read is not kept, and such a write empties the cache.
it('does not keep a read whose tables it cannot name for certain, and empties itself on such a write', () => {
  const cache = new PGliteReadCache();
  for (const sql of ['select * from "a", "b" where "a"."id" = $1', 'select * from public.people where "id" = $1', 'select * from "public"."people"', 'select * from "a" as "x", "b"']) {
    run(cache, sql, [{ id: 1 }]);
    expect(cached(cache, sql), sql).toBe(false);
  }
  run(cache, READ_A, [{ id: 1 }]);
  run(cache, 'update public.people set "name" = $1');
  expect(cached(cache, READ_A)).toBe(false);
});

// The store's periodic CHECKPOINT (database.ts) runs between transactions: it must not empty the cache.
it('keeps every entry across a CHECKPOINT', () => {
  const cache = new PGliteReadCache();
  run(cache, READ_A, [{ id: 1 }]);
  run(cache, 'CHECKPOINT');
  expect(cached(cache, READ_A)).toBe(true);
});

describe('tablesOf', () => {
  it('names every table after from, join, into and update, lower-cased and once', () => {
    expect(tablesOf('select * from "People" as "p" inner join "memberships" on 1=1 left join "people" on 1=1').sort()).toEqual(['memberships', 'people']);
    expect(tablesOf('insert into "people" ("id") values ($1)')).toEqual(['people']);
    expect(tablesOf('update only "jobs" set "x" = 1')).toEqual(['jobs']);
  });

  it('names a table that appears only in a subquery', () => {
    expect(tablesOf('select * from "meetings" where "id" in (select "meeting_id" from "attendance")').sort()).toEqual(['attendance', 'meetings']);
  });
});

describe('PGliteReadCache', () => {
  it('answers a repeated read from the cache, as a copy', () => {
    const cache = new PGliteReadCache();
    run(cache, READ_A, [{ id: 'p1', name: 'Anna' }]);
    const first = run(cache, READ_A, [{ id: 'wrong' }]) as { name: string }[];
    expect(first).toEqual([{ id: 'p1', name: 'Anna' }]);
    first[0]!.name = 'Changed by a caller';
    first.push({ name: 'extra' });
    expect(run(cache, READ_A, [])).toEqual([{ id: 'p1', name: 'Anna' }]);
    expect(cache.hits).toBe(2);
  });

  it('keeps no reference to the rows the database returned', () => {
    const cache = new PGliteReadCache();
    const rows = [{ id: 'p1', name: 'Anna' }];
    run(cache, READ_A, rows);
    rows[0]!.name = 'Changed after the read';
    expect(run(cache, READ_A)).toEqual([{ id: 'p1', name: 'Anna' }]);
  });

  it('keys by parameters, telling apart values that JSON would merge', () => {
    const cache = new PGliteReadCache();
    run(cache, READ_A, [{ id: 1 }], ['t1']);
    expect(cached(cache, READ_A, ['t2'])).toBe(false);
    run(cache, READ_A, [], [null]);
    expect(cached(cache, READ_A, [null])).toBe(true);
    for (const p of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(cached(cache, READ_A, [p])).toBe(false);
  });

  it('lets a read with a parameter JSON cannot write go to the database instead of failing', () => {
    const cache = new PGliteReadCache();
    expect(run(cache, READ_A, [{ n: 1 }], [10n])).toEqual([{ n: 1 }]);
    expect(run(cache, READ_A, [{ n: 2 }], [[10n]])).toEqual([{ n: 2 }]);
  });

  it('does not cache a read with a Date or object parameter', () => {
    const cache = new PGliteReadCache();
    run(cache, READ_A, [{ id: 1 }], [new Date(0)]);
    expect(cached(cache, READ_A, [new Date(0)])).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('drops reads naming a written table, also in a subquery, and keeps the others', () => {
    const cache = new PGliteReadCache();
    const sub = 'select * from "bodies" where "id" in (select "body_id" from "people")';
    run(cache, READ_A, [{ id: 1 }]);
    run(cache, sub, [{ id: 2 }]);
    run(cache, READ_B, [{ id: 3 }]);
    run(cache, 'update "people" set "name" = $1 where "id" = $2', [], ['x', 'p1']);
    expect(cached(cache, READ_A)).toBe(false);
    expect(cached(cache, sub)).toBe(false);
    expect(cached(cache, READ_B)).toBe(true);
  });

  it('drops a table on an insert with on conflict do update', () => {
    const cache = new PGliteReadCache();
    run(cache, READ_A, [{ id: 1 }]);
    run(cache, 'insert into "people" ("id") values ($1) on conflict ("id") do update set "name" = excluded."name"', [], ['p1']);
    expect(cached(cache, READ_A)).toBe(false);
  });

  it.each(['delete from "jobs" where "id" = $1', 'truncate "jobs"', 'select 1 from "jobs"; select 2 from "jobs"', 'with x as (select 1) select * from x'])(
    'forgets everything after %s',
    (sql) => {
      const cache = new PGliteReadCache();
      run(cache, READ_A, [{ id: 1 }]);
      run(cache, READ_B, [{ id: 2 }]);
      cache.after(sql, ['j1'], []);
      expect(cache.size).toBe(0);
    },
  );

  it.each([
    `${READ_A} for update`,
    `${READ_A} for share`,
    `${READ_A} for no key update skip locked`,
    'select * from "jobs" where "run_at" <= now()',
    'select current_timestamp, * from "jobs"',
    'select * from "people" order by random()',
    'select * from "jobs" where "run_at" < localtime',
    'select timeofday(), * from "jobs"',
    "select * from \"meetings\" where \"starts_on\" = 'today'::date",
  ])('never caches %s', (sql) => {
    const cache = new PGliteReadCache();
    run(cache, sql, [{ id: 1 }]);
    expect(cached(cache, sql)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('does not cache a read naming no table', () => {
    const cache = new PGliteReadCache();
    run(cache, 'select $1::int as n', [{ n: 1 }]);
    expect(cache.size).toBe(0);
  });

  describe('in a transaction', () => {
    it('stores a read of an unwritten table, not of a written one, and drops the written ones at the end', () => {
      for (const end of ['COMMIT', 'ROLLBACK']) {
        const cache = new PGliteReadCache();
        run(cache, 'BEGIN');
        run(cache, 'update "people" set "name" = $1', [], ['uncommitted']);
        run(cache, READ_A, [{ name: 'uncommitted' }]);
        run(cache, READ_B, [{ id: 'b1' }]);
        expect(cached(cache, READ_A)).toBe(false);
        expect(cached(cache, READ_B)).toBe(true);
        run(cache, end);
        expect(cached(cache, READ_B)).toBe(true);
        expect(cached(cache, READ_A)).toBe(false);
      }
    });

    it('drops at the end the reads it stored before it wrote their table', () => {
      const cache = new PGliteReadCache();
      run(cache, 'BEGIN');
      run(cache, READ_A, [{ name: 'before' }]);
      run(cache, 'update "people" set "name" = $1', [], ['inside']);
      run(cache, 'ROLLBACK');
      expect(cached(cache, READ_A)).toBe(false);
    });

    it('stores nothing after an unknown statement until the transaction ends', () => {
      const cache = new PGliteReadCache();
      run(cache, 'BEGIN');
      run(cache, 'delete from "people" where "id" = $1', [], ['p1']);
      run(cache, READ_B, [{ id: 'b1' }]);
      expect(cache.size).toBe(0);
      run(cache, 'COMMIT');
      run(cache, READ_B, [{ id: 'b1' }]);
      expect(cached(cache, READ_B)).toBe(true);
    });

    // After a failed statement PostgreSQL refuses every statement until ROLLBACK: a cached answer would
    // hand back rows where the database answers with an error.
    it('answers nothing from the cache once a statement has failed', () => {
      const cache = new PGliteReadCache();
      run(cache, READ_B, [{ id: 'b1' }]);
      run(cache, 'BEGIN');
      cache.failed('insert into "people" ("id") values ($1)');
      expect(cached(cache, READ_B)).toBe(false);
      run(cache, 'ROLLBACK');
      expect(cached(cache, READ_B)).toBe(true);
    });

    it('answers nothing from the cache once a read has failed', () => {
      const cache = new PGliteReadCache();
      run(cache, READ_B, [{ id: 'b1' }]);
      run(cache, 'BEGIN');
      cache.failed('select 1/0 from "people"');
      expect(cached(cache, READ_B)).toBe(false);
    });

    it('stores nothing after a batch of statements until a transaction ends, as the batch may have opened one', () => {
      const cache = new PGliteReadCache();
      run(cache, READ_B, [{ id: 'b1' }]);
      run(cache, `begin; update "people" set "name" = 'uncommitted'`);
      expect(cache.size).toBe(0);
      run(cache, READ_A, [{ name: 'uncommitted' }]);
      expect(cached(cache, READ_A)).toBe(false);
      run(cache, 'ROLLBACK');
      run(cache, READ_A, [{ name: 'committed' }]);
      expect(cached(cache, READ_A)).toBe(true);
    });

    it('keeps a savepoint rollback inside the transaction', () => {
      const cache = new PGliteReadCache();
      run(cache, 'BEGIN');
      run(cache, 'savepoint s1');
      run(cache, 'rollback to savepoint s1');
      run(cache, 'update "people" set "name" = $1', [], ['uncommitted']);
      run(cache, READ_A, [{ name: 'uncommitted' }]);
      expect(cached(cache, READ_A)).toBe(false);
    });
  });

  it('drops a table whose write failed', () => {
    const cache = new PGliteReadCache();
    run(cache, READ_A, [{ id: 1 }]);
    run(cache, READ_B, [{ id: 2 }]);
    cache.failed('update "people" set "name" = $1');
    expect(cached(cache, READ_A)).toBe(false);
    expect(cached(cache, READ_B)).toBe(true);
  });

  it('forgets everything when COMMIT fails', () => {
    const cache = new PGliteReadCache();
    run(cache, READ_B, [{ id: 2 }]);
    run(cache, 'BEGIN');
    cache.failed('COMMIT');
    expect(cache.size).toBe(0);
  });

  it('does not store a read with more rows than the limit', () => {
    const cache = new PGliteReadCache(10, 2);
    run(cache, READ_A, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    run(cache, READ_B, [{ id: 1 }, { id: 2 }]);
    expect(cached(cache, READ_A)).toBe(false);
    expect(cached(cache, READ_B)).toBe(true);
  });

  it('holds at most maxEntries, evicting the least recently used', () => {
    const cache = new PGliteReadCache(3);
    for (let i = 0; i < 3; i++) run(cache, READ_A, [{ i }], [`t${i}`]);
    expect(cached(cache, READ_A, ['t0'])).toBe(true);
    for (let i = 3; i < 50; i++) {
      run(cache, READ_A, [{ i }], [`t${i}`]);
      expect(cache.size).toBeLessThanOrEqual(3);
    }
    expect(cache.size).toBe(3);
    expect(cached(cache, READ_A, ['t49'])).toBe(true);
    expect(cached(cache, READ_A, ['t0'])).toBe(false);

    const lru = new PGliteReadCache(2);
    run(lru, READ_A, [{}], ['a']);
    run(lru, READ_A, [{}], ['b']);
    expect(cached(lru, READ_A, ['a'])).toBe(true);
    run(lru, READ_A, [{}], ['c']);
    expect(cached(lru, READ_A, ['a'])).toBe(true);
    expect(cached(lru, READ_A, ['b'])).toBe(false);
  });
});
