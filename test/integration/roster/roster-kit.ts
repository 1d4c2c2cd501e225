import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TestApp } from '../../kit/app-harness';

/** Shared helpers of the roster integration tests: everything goes through the HTTP API as the admin. */
export const ADMIN = 'admin@radslag.local';

export function readSeed(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/seeds/${name}.txt`, import.meta.url)), 'utf8');
}

export async function json<T = any>(res: Response, status?: number): Promise<T> {
  const text = await res.text();
  if (status !== undefined && res.status !== status) throw new Error(`expected HTTP ${status}, got ${res.status}: ${text.slice(0, 800)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function createBody(t: TestApp, name: string, kind = 'råd', as = ADMIN): Promise<string> {
  const body = await json(await t.api('/api/v1/bodies', { method: 'POST', as, json: { name, kind } }), 201);
  return body.id as string;
}

export async function preview(t: TestApp, bodyId: string, payload: Record<string, unknown>, as = ADMIN): Promise<any> {
  return json(await t.api(`/api/v1/bodies/${bodyId}/roster-imports`, { method: 'POST', as, json: payload }), 201);
}

export async function apply(t: TestApp, bodyId: string, importId: string, payload: Record<string, unknown> = {}, as = ADMIN): Promise<any> {
  return json(await t.api(`/api/v1/bodies/${bodyId}/roster-imports/${importId}/apply`, { method: 'POST', as, json: payload }), 200);
}

export interface Seat {
  name: string | null;
  role: string;
  org: string | null;
  order?: number | null;
  title?: string | null;
}

/** A body's stored roster as names, sorted, so tests compare with hand-written lists. */
export async function rosterOf(t: TestApp, bodyId: string, opts: { titles?: boolean } = {}): Promise<Seat[]> {
  const [{ memberships }, { people }, { organisations }] = await Promise.all([
    json(await t.api(`/api/v1/bodies/${bodyId}/memberships`, { as: ADMIN }), 200),
    json(await t.api('/api/v1/people', { as: ADMIN }), 200),
    json(await t.api('/api/v1/organisations', { as: ADMIN }), 200),
  ]);
  const seats: Seat[] = memberships.map((m: any) => ({
    name: m.personId ? people.find((p: any) => p.id === m.personId)?.name : null,
    role: m.role,
    org: m.organisationId ? organisations.find((o: any) => o.id === m.organisationId)?.name : null,
    ...(m.role === 'ersättare' ? { order: m.substituteOrder } : {}),
    ...(opts.titles ? { title: m.title ?? null } : {}),
  }));
  return sortSeats(seats);
}

export function sortSeats(seats: Seat[]): Seat[] {
  return [...seats].sort((a, b) => `${a.role}|${a.name}|${a.org}`.localeCompare(`${b.role}|${b.name}|${b.org}`));
}

export async function peopleNamed(t: TestApp, name: string): Promise<any[]> {
  const { people } = await json(await t.api('/api/v1/people', { as: ADMIN }), 200);
  return people.filter((p: any) => p.name === name);
}

export async function countPeople(t: TestApp): Promise<number> {
  const { people } = await json(await t.api('/api/v1/people', { as: ADMIN }), 200);
  return people.length;
}

export function expectError(body: any, code: string): void {
  expect(body?.error?.code).toBe(code);
}
