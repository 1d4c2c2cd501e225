import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { createOrganisationInput, createPersonInput, updatePersonInput } from '../../../shared/contracts/council';
import type { ApiRouter } from '../api-router';
import { createOrganisation, createPerson, describeCaller, getPerson, listOrganisations, listPeople, updatePerson } from '../../../shared/services/council-service';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const personParams = z.object({ personId: idSchema });

export function registerPeopleRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({ method: 'get', path: '/me', tag: 'people', summary: 'The caller: identity, person and roles', handler: async ({ req }) => run(req, describeCaller, { email: req.identity!.email, name: req.identity!.name, method: req.identity!.method }) });
  api.add({ method: 'get', path: '/people', tag: 'people', summary: 'People on the region’s rosters', handler: async ({ req }) => ({ people: await run(req, listPeople, {}) }) });
  api.add({ method: 'post', path: '/people', tag: 'people', summary: 'Add a person', body: createPersonInput, status: 201, handler: async ({ req, body }) => run(req, createPerson, body) });
  api.add({ method: 'get', path: '/people/:personId', tag: 'people', summary: 'One person', params: personParams, handler: async ({ req, params }) => run(req, getPerson, params) });
  api.add({ method: 'patch', path: '/people/:personId', tag: 'people', summary: 'Update a person (optimistic)', params: personParams, body: updatePersonInput, handler: async ({ req, params, body }) => run(req, updatePerson, { ...params, ...body }) });
  api.add({ method: 'get', path: '/organisations', tag: 'people', summary: 'Organisations (kommuner, region, föreningar)', handler: async ({ req }) => ({ organisations: await run(req, listOrganisations, {}) }) });
  api.add({ method: 'post', path: '/organisations', tag: 'people', summary: 'Add an organisation', body: createOrganisationInput, status: 201, handler: async ({ req, body }) => run(req, createOrganisation, body) });
}
