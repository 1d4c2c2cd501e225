import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PGlitePreparedStatements } from '../../../bot/store/pglite-prepared';

/**
 * The store's prepared statements against PGlite's own query(), which the driver used before: for the same
 * statement and parameters on the same data, the same rows (after PGlite's parsers), the same affectedRows
 * and the same errors. Everything here shares PGlite's one session, so every call is awaited before the
 * next unless a test is about calls that overlap.
 */

let dir: string;
let pglite: PGlite;
let prepared: PGlitePreparedStatements;

const UUID_1 = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
const UUID_2 = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

// Raw, so that the backslashes reach PostgreSQL (bytea hex input, a quote inside an array literal).
const SCHEMA = String.raw`
  create table items (
    id integer primary key,
    name text not null unique,
    n integer,
    big bigint,
    flag boolean,
    amount numeric(12, 2),
    day date,
    at timestamptz,
    doc jsonb,
    tags text[],
    blob bytea,
    ref uuid,
    locked boolean not null default false
  );
  create function refuse_locked() returns trigger language plpgsql as $$
  begin
    if old.locked then
      raise exception 'locked' using errcode = 'RSLCK', detail = 'item ' || old.id, hint = 'unlock it first';
    end if;
    return coalesce(new, old);
  end $$;
  create trigger items_locked before update or delete on items for each row execute function refuse_locked();
  insert into items values
    (1, 'alpha', 10, 9007199254740993, true, 12.50, '2024-06-10', '2024-06-10T08:00:00Z', '{"k": 1, "list": ["a"]}',
     '{a,b}', '\x0102ff', '${UUID_1}', false),
    (2, 'beta', 20, 42, false, 0.10, '2024-12-31', '2024-12-31T23:30:00+01', '{"k": 2}',
     '{"b,c","q\"x",NULL}', '\x', '${UUID_2}', false),
    (3, 'gamma', null, null, null, null, null, null, null, null, null, null, true);
  create table t (id integer primary key, v text);
  insert into t values (1, 'one');
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radslag-prepared-'));
  // The parsers of bot/store/database.ts: dates and int8 stay strings.
  pglite = await PGlite.create(join(dir, 'pgdata'), {
    parsers: { 1082: (v: string) => v, 20: (v: string) => v },
  });
  await pglite.exec(SCHEMA);
  prepared = new PGlitePreparedStatements(pglite);
});

// A test that fails inside a transaction must not fail the ones after it. (Outside one, ROLLBACK only warns;
// and PGlite's isInTransaction() is false after a ROLLBACK TO SAVEPOINT, whose tag is "ROLLBACK".)
afterEach(async () => {
  await pglite.exec('rollback');
});

afterAll(async () => {
  await pglite?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Outcome = { rows: unknown[]; affectedRows: number } | { error: Record<string, unknown> };

/**
 * An error as a caller can use it: its class, message and every field PGlite sets, except where in
 * PostgreSQL's source it was raised (file, line, routine; and the length of the protocol message, which
 * includes them): in a failed transaction a prepared statement is refused at Bind, query()'s at Parse.
 * A TypeError from a value without toString() names a variable of PGlite's minified code; not compared.
 */
function errorOf(e: unknown): Record<string, unknown> {
  const err = e as Error;
  const {
    file: _file,
    line: _line,
    routine: _routine,
    length: _length,
    ...fields
  } = Object.fromEntries(Object.entries(err));
  const message = err instanceof TypeError ? err.message.replace(/^\w+\./, '') : err.message;
  return { class: err.constructor.name, message, ...fields };
}

async function outcome(run: () => Promise<{ rows: unknown[]; affectedRows?: number }>): Promise<Outcome> {
  try {
    const r = await run();
    return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
  } catch (e) {
    return { error: errorOf(e) };
  }
}

const viaQuery = (sql: string, params: unknown[]) => outcome(() => pglite.query(sql, params));
const viaPrepared = (sql: string, params: unknown[], p = prepared) => outcome(() => p.execute(sql, params));

/** As the driver (PGliteConnection.run) sends a parameterless statement. */
async function simple(sql: string, p = prepared): Promise<void> {
  await p.beforeSimpleQuery(sql);
  await pglite.exec(sql);
}

type Case = [sql: string, params: unknown[]];

const reads: Case[] = [
  ['select * from items where id = $1', [1]],
  ['select * from items where id = $1', ['2']],
  ['select * from items where name = $1', ['beta']],
  ['select * from items where name = $1', ['nobody']],
  ['select * from items where big = $1', [9007199254740993n]],
  ['select * from items where big = $1', ['42']],
  ['select * from items where big = $1', [42]],
  ['select * from items where flag = $1 order by id', [true]],
  ['select * from items where flag = $1 order by id', [false]],
  ['select id from items where flag is not distinct from $1 order by id', [null]],
  ['select id from items where flag is not distinct from $1 order by id', [undefined]],
  ['select id from items where amount > $1 order by id', [0.1]],
  ['select id from items where amount = $1', ['12.5']],
  ['select id, day from items where day = $1', ['2024-06-10']],
  ['select id, day from items where day = $1', [new Date('2024-12-31T00:00:00Z')]],
  ['select id, at from items where at < $1 order by id', [new Date('2024-07-01T00:00:00Z')]],
  ['select id, at from items where at = $1', ['2024-12-31 22:30:00+00']],
  ['select id, at from items where at < $1 order by id', [Date.UTC(2025, 0, 1)]],
  ['select id, doc from items where doc @> $1 order by id', ['{"k": 1}']],
  ['select id, doc from items where doc @> $1 order by id', [{ k: 2 }]],
  ['select id, doc from items where doc = $1', ['{"k":2}']],
  ['select id, tags from items where $1 = any(tags) order by id', ['a']],
  ['select id, tags from items where tags && $1 order by id', [['b', 'b,c']]],
  ['select id, tags from items where tags = $1', [['b,c', 'q"x', null]]],
  ['select id from items where name = any($1) order by id', [['alpha', 'gamma', 'NULL']]],
  ['select id from items where id = any($1) order by id', [[1, 3]]],
  ['select id from items where id = any($1) order by id', [[]]],
  ['select id, blob from items where blob = $1', [new Uint8Array([1, 2, 255])]],
  ['select id, blob from items where blob = $1', [new Uint8Array([])]],
  ['select id, ref from items where ref = $1', [UUID_1]],
  ['select id, ref from items where ref = any($1) order by id', [[UUID_2, UUID_1]]],
  [
    'select id from items where (name = $1 or $2::int is null) and coalesce(flag, $3) order by id',
    ['x', undefined, true],
  ],
  [
    'select $1::int + 1 as next, $2::text as t, $3::bigint * 2 as b, $4::numeric as num, $5::date as d, $6::timestamptz as ts',
    [41, 'x', 2n ** 61n, '0.30000000000000004', '2024-02-29', new Date(0)],
  ],
  [
    'select $1 as untyped, $2::uuid as u, $3::interval as iv, $4::float8 as f, $5::smallint as s',
    ['hello', UUID_2, '1 day', 1.5, 7],
  ],
  [
    'select $1::jsonb as j, $2::json as js, $3::jsonb as text_json',
    [{ a: [1, null, 'å'] }, '[1, 2]', '"just a string"'],
  ],
  [
    'select $1::text[] as texts, $2::int[] as ints, $3::bytea as raw, $4::bool[] as bools',
    [['å', '', ' x ', null, '{}', '\\', 'NULL'], [1, -2], new Uint8Array([0, 10]), [true, false, null]],
  ],
  [
    'select $1::timestamptz[] as times, $2::date[] as days, $3::bigint[] as bigs',
    [[new Date(0)], ['2024-01-01'], [1n, '2']],
  ],
  ['select count(*) as n, sum(big) as s, avg(n) as a from items where id <= $1', [3]],
  // A type without a serialiser gets the value's toString(), not String(value).
  ['select $1::numeric as num', [{ toString: () => '5', [Symbol.toPrimitive]: () => '6' }]],
  ['select id, name as id from items where id = $1', [1]],
  ['select * from items where id = $1 for update', [2]],
];

/** Statements that fail: with PostgreSQL's errors and with PGlite's own (a value its serialiser refuses). */
const failures: Case[] = [
  ['insert into items (id, name) values ($1, $2)', [50, 'alpha']],
  ['update items set n = $1 where id = $2', [1, 3]],
  ['delete from items where id = $1', [3]],
  ['insert into items (id, name) values ($1, $2)', [51, null]],
  ['selec * from items where id = $1', [1]],
  ['select * from items where id = $1 and name = $1', [1]],
  ['select * from items where id = $1', ['abc']],
  ['select * from items where ref = $1', [{ not: 'a uuid' }]],
  ['select * from items where amount = $1', [Object.create(null)]],
  ['select * from items where flag = $1', ['true']],
  ['select * from items where name = $1', [new Date(0)]],
  ['select * from items where blob = $1', ['\\x00']],
  ['select * from items where id = $1', [1, 2]],
  ['select * from items where id = $1 and name = $2', [1]],
  ['select 1 / $1 as q', [0]],
];

const writes: Case[] = [
  [
    'insert into items (id, name, n, big, flag, amount, day, at, doc, tags, blob, ref) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
    [
      10,
      'delta',
      7,
      2n ** 63n - 1n,
      false,
      '99.99',
      new Date('2024-03-01T00:00:00Z'),
      new Date('2024-03-01T12:00:00Z'),
      { nested: { x: 1 } },
      ['x', null],
      new Uint8Array([7]),
      UUID_1,
    ],
  ],
  [
    'insert into items (id, name, n, big, flag, amount, day, at, doc, tags, blob, ref) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning *',
    [
      10,
      'delta',
      null,
      undefined,
      true,
      1.25,
      '2024-03-01',
      '2024-03-01 12:00',
      '[1, 2]',
      [],
      new Uint8Array([0, 255]),
      null,
    ],
  ],
  ['insert into items (id, name) values ($1, $2), ($3, $4) returning id, name, locked', [11, 'e', 12, 'f']],
  ['insert into items (id, name) values ($1, $2) on conflict do nothing', [1, 'alpha']],
  ['insert into items (id, name) values ($1, $2) on conflict do nothing returning *', [1, 'alpha']],
  [
    'insert into items (id, name, big) values ($1, $2, $3) on conflict (name) do update set big = excluded.big returning *',
    [99, 'alpha', 5n],
  ],
  [
    'insert into items (id, name, n) values ($1, $2, $3) on conflict (id) do update set n = items.n + excluded.n returning id, n',
    [2, 'beta', 5],
  ],
  [
    'insert into items (id, name, n) values ($1, $2, $3) on conflict (id) do update set n = excluded.n',
    [40, 'new', 5],
  ],
  ['update items set n = n + $1 where not locked', [1]],
  ['update items set tags = array_append(tags, $1) where not locked returning id, tags', ['z']],
  ['update items set n = $1 where id = $2', [5, 404]],
  ['update items set doc = doc || $1 where id = $2 returning *', [{ added: true }, 1]],
  ['delete from items where id = $1', [2]],
  ['delete from items where id = any($1) returning *', [[1, 2]]],
  ['delete from items where name = $1 returning id', ['nobody']],
  ['insert into items (id, name) select id + 100, name || $1 from items where id < $2', ['-copy', 3]],
  [
    'with moved as (update items set n = $1 where id = $2 returning id) select count(*) as moved from moved',
    [0, 1],
  ],
  [
    'merge into items i using (select $1::int as id, $2::text as name) s on i.id = s.id when matched then update set name = s.name when not matched then insert (id, name) values (s.id, s.name)',
    [2, 'beta2'],
  ],
  ...failures,
];

describe('answers as pglite.query does', () => {
  it.each(reads)('%s %o', async (sql, params) => {
    const truth = await viaQuery(sql, params);
    expect(truth).toHaveProperty('rows');
    expect(await viaPrepared(sql, params), 'when first prepared').toEqual(truth);
    expect(await viaPrepared(sql, params), 'when already prepared').toEqual(truth);
  });

  const tableNow = () => pglite.query('select * from items order by id').then((r) => r.rows);

  /** In a transaction rolled back after it, with the table as the statement left it: each path sees the same data. */
  async function inRolledBack(run: () => Promise<Outcome>): Promise<{ result: Outcome; table: unknown[] }> {
    await pglite.exec('begin');
    try {
      const result = await run();
      // A failed statement has aborted the transaction: its table is the one before it, as for the other path.
      return { result, table: 'error' in result ? [] : await tableNow() };
    } finally {
      await pglite.exec('rollback');
    }
  }

  it.each(writes)('%s %o', async (sql, params) => {
    const before = await tableNow();
    const truth = await inRolledBack(() => viaQuery(sql, params));
    expect(await tableNow()).toEqual(before);
    expect(await inRolledBack(() => viaPrepared(sql, params)), 'when first prepared').toEqual(truth);
    expect(await inRolledBack(() => viaPrepared(sql, params)), 'when already prepared').toEqual(truth);
    expect(await tableNow()).toEqual(before);
  });

  it('the cases do what they are named for: rows written and counted, each kind of error met', async () => {
    const affected: number[] = [];
    const codes = new Set<unknown>();
    for (const [sql, params] of writes) {
      const { result } = await inRolledBack(() => viaPrepared(sql, params));
      if ('error' in result) codes.add(result.error.code ?? result.error.class);
      else affected.push(result.affectedRows);
    }
    expect(affected).toContain(0);
    expect(affected).toContain(2);
    expect([...codes]).toEqual(
      expect.arrayContaining([
        '23505',
        'RSLCK',
        '23502',
        '42601',
        '42883',
        '22P02',
        '08P01',
        '22012',
        'Error',
        'TypeError',
      ]),
    );
  });
});

describe('after a failed statement', () => {
  const byId = 'select id, name from items where id = $1';

  it('keeps no broken statement: the next correct call works', async () => {
    const size = prepared.size;
    expect(await viaPrepared('selec * from items where id = $1', [1])).toMatchObject({
      error: { code: '42601' },
    });
    expect(prepared.size).toBe(size);
    expect(await viaPrepared(byId, ['abc'])).toMatchObject({ error: { code: '22P02' } });
    expect(await viaPrepared(byId, [1])).toEqual({ rows: [{ id: 1, name: 'alpha' }], affectedRows: 0 });
    const update = 'update items set n = n where id = $1';
    expect(await viaPrepared(update, [3])).toMatchObject({
      error: { code: 'RSLCK', message: 'locked', detail: 'item 3' },
    });
    expect(await viaPrepared(update, [1])).toEqual({ rows: [], affectedRows: 1 });
    const insert = 'insert into items (id, name) values ($1, $2)';
    expect(await viaPrepared(insert, [60, 'alpha'])).toMatchObject({
      error: { code: '23505', constraint: 'items_name_key', query: insert, params: [60, 'alpha'] },
    });
    expect(await viaPrepared(insert, [60, 'sixty'])).toEqual({ rows: [], affectedRows: 1 });
    expect(await viaPrepared('delete from items where id = $1', [60])).toEqual({ rows: [], affectedRows: 1 });
  });

  it('inside BEGIN…ROLLBACK: refused until the rollback as pglite.query is, then usable, nothing kept', async () => {
    const before = await viaQuery('select * from items order by id', []);
    const run = async (via: typeof viaQuery) => {
      await pglite.exec('begin');
      const steps = [
        await via('update items set n = $1 where id = $2', [77, 1]),
        await via('insert into items (id, name) values ($1, $2)', [61, 'beta']),
        await via(byId, [1]),
        await via('select * from items where id = $1 and true', [2]),
      ];
      await pglite.exec('rollback');
      return steps;
    };
    const truth = await run(viaQuery);
    expect(truth.slice(1).map((s) => ('error' in s ? s.error.code : 'ok'))).toEqual([
      '23505',
      '25P02',
      '25P02',
    ]);
    expect(await run(viaPrepared)).toEqual(truth);
    expect(await viaPrepared(byId, [1])).toEqual({ rows: [{ id: 1, name: 'alpha' }], affectedRows: 0 });
    expect(await viaPrepared('select * from items where id = $1 and true', [2])).toEqual(
      await viaQuery('select * from items where id = $1 and true', [2]),
    );
    expect(await viaPrepared('select * from items order by id', [])).toEqual(before);
  });
});

describe('schema changes', () => {
  const all = 'select * from t where id = $1';

  it('a statement prepared before an ALTER returns the new column after it', async () => {
    expect(await viaPrepared(all, [1])).toEqual({ rows: [{ id: 1, v: 'one' }], affectedRows: 0 });
    await simple('alter table t add column extra text');
    expect(await viaPrepared(all, [1])).toEqual({
      rows: [{ id: 1, v: 'one', extra: null }],
      affectedRows: 0,
    });
    expect(await viaPrepared(all, [1])).toEqual(await viaQuery(all, [1]));
  });

  // A COMMIT of a transaction that failed is a rollback too.
  it.each([['rollback'], ['abort'], ['commit', 'select 1 / 0']])(
    'a statement prepared after an ALTER undone by %s answers with the table as it is again',
    async (end, failing?: string) => {
      const truth = await viaQuery(all, [1]);
      expect(await viaPrepared(all, [1])).toEqual(truth);
      await simple('begin');
      await simple('alter table t add column gone int');
      expect(await viaPrepared(all, [1])).toMatchObject({ rows: [{ id: 1, gone: null }] });
      if (failing) await expect(pglite.exec(failing)).rejects.toThrow();
      await simple(end);
      expect(await viaPrepared(all, [1])).toEqual(truth);
    },
  );

  it('the same when the rollback is to a savepoint', async () => {
    const truth = await viaQuery(all, [1]);
    await simple('begin');
    await simple('savepoint s');
    await simple('alter table t add column gone int');
    expect(await viaPrepared(all, [1])).toMatchObject({ rows: [{ gone: null }] });
    await simple('rollback to savepoint s');
    expect(await viaPrepared(all, [1])).toEqual(truth);
    await simple('commit');
    expect(await viaPrepared(all, [1])).toEqual(truth);
  });
});

describe('eviction', () => {
  it('with room for 3, ten statements twice over: every answer right, never more than 3 kept', async () => {
    const p = new PGlitePreparedStatements(pglite, 3);
    const serverSide = async () =>
      Number(
        (await pglite.query<{ n: string }>('select count(*) as n from pg_prepared_statements')).rows[0]!.n,
      );
    const before = await serverSide();
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < 10; k++) {
        expect(
          await p.execute(`select $1::int + ${k} as v, $2::text as round`, [100, String(round)]),
        ).toEqual({ rows: [{ v: 100 + k, round: String(round) }], affectedRows: 0 });
        expect(p.size).toBeLessThanOrEqual(3);
        expect(await serverSide()).toBeLessThanOrEqual(before + 3);
      }
    }
    expect(p.size).toBe(3);
  });
});

describe('two instances on one PGlite', () => {
  const byId = 'select id, name from items where id = $1';

  it('one closing its statements does not break the other', async () => {
    const a = new PGlitePreparedStatements(pglite, 2);
    const b = new PGlitePreparedStatements(pglite);
    const truth = await viaQuery(byId, [2]);
    expect(await viaPrepared(byId, [2], a)).toEqual(truth);
    expect(await viaPrepared(byId, [2], b)).toEqual(truth);
    // a evicts its statement for byId and then closes the rest; b still has its own.
    await viaPrepared('select $1::int as one', [1], a);
    await viaPrepared('select $1::int as two', [2], a);
    await simple('create table other_one (id int)', a);
    expect(a.size).toBe(0);
    expect(b.size).toBe(1);
    expect(await viaPrepared(byId, [2], b)).toEqual(truth);
    expect(await viaPrepared(byId, [2], a)).toEqual(truth);
  });

  it("one's schema change is seen by the other's statements", async () => {
    const a = new PGlitePreparedStatements(pglite);
    const b = new PGlitePreparedStatements(pglite);
    const all = 'select * from t where id = $1';
    expect(await viaPrepared(all, [1], b)).toEqual(await viaQuery(all, [1]));
    await simple('alter table t add column seen_by_b text', a);
    expect(await viaPrepared(all, [1], b)).toEqual(await viaQuery(all, [1]));
    expect(await viaPrepared(all, [1], b)).toMatchObject({ rows: [{ seen_by_b: null }] });
  });
});

describe('calls that overlap', () => {
  it('a prepared statement sent while pglite.query runs does not mix their answers', async () => {
    const byId = 'select id, name from items where id = $1';
    await prepared.execute(byId, [1]);
    const [q1, p2, q3, p1] = await Promise.all([
      pglite.query<{ id: number }>('select id, name from items where id = $1 and $2::bool', [1, true]),
      prepared.execute(byId, [2]),
      pglite.query<{ id: number }>('select id, name from items where id = $1 and $2::bool', [3, true]),
      prepared.execute(byId, [1]),
    ]);
    expect([q1.rows, p2.rows, q3.rows, p1.rows]).toEqual([
      [{ id: 1, name: 'alpha' }],
      [{ id: 2, name: 'beta' }],
      [{ id: 3, name: 'gamma' }],
      [{ id: 1, name: 'alpha' }],
    ]);
  });
});
