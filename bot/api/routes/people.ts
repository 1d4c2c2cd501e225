import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { createOrganisationInput, createPersonInput, updatePersonInput } from '../../../shared/contracts/council';
import type { ApiRouter } from '../api-router';
import { requestContext } from '../request-context';
import type { ApiServices } from './services';

const personParams = z.object({ personId: idSchema });

export function registerPeopleRoutes(api: ApiRouter, s: ApiServices): void {
  api.add({ method: 'get', path: '/me', tag: 'people', summary: 'The caller: identity, person and roles', handler: async ({ req }) => s.me(requestContext(req), req.identity!) });
  api.add({ method: 'get', path: '/people', tag: 'people', summary: 'People on the region’s rosters', handler: async ({ req }) => ({ people: await s.council.listPeople(requestContext(req)) }) });
  api.add({ method: 'post', path: '/people', tag: 'people', summary: 'Add a person', body: createPersonInput, status: 201, handler: async ({ req, body }) => s.council.createPerson(requestContext(req), body) });
  api.add({ method: 'get', path: '/people/:personId', tag: 'people', summary: 'One person', params: personParams, handler: async ({ req, params }) => s.council.getPerson(requestContext(req), params.personId) });
  api.add({ method: 'patch', path: '/people/:personId', tag: 'people', summary: 'Update a person (optimistic)', params: personParams, body: updatePersonInput, handler: async ({ req, params, body }) => s.council.updatePerson(requestContext(req), params.personId, body) });
  api.add({ method: 'get', path: '/organisations', tag: 'people', summary: 'Organisations (kommuner, region, föreningar)', handler: async () => ({ organisations: await s.council.listOrganisations() }) });
  api.add({ method: 'post', path: '/organisations', tag: 'people', summary: 'Add an organisation', body: createOrganisationInput, status: 201, handler: async ({ req, body }) => s.council.createOrganisation(requestContext(req), body) });
}
