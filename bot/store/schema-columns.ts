import type { ColumnType } from 'kysely';

/** Column types shared by the schema files: how Kysely reads, inserts and updates them. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;
export type Version = ColumnType<number, number | undefined, number>;
