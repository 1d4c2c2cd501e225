import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { createBodyInput, createMembershipInput, updateBodyInput, updateMembershipInput } from '../../../shared/contracts/council';
import type { ApiRouter } from '../api-router';
import { addMembership, createBody, getBody, listBodies, listMemberships, removeMembership, updateBody, updateMembership } from '../../../shared/services/council-service';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const bodyParams = z.object({ bodyId: idSchema });
const membershipParams = z.object({ bodyId: idSchema, membershipId: idSchema });

export function registerBodyRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({ method: 'get', path: '/bodies', tag: 'bodies', summary: 'Bodies the caller sits on (all for administrators)', handler: async ({ req }) => ({ bodies: await run(req, listBodies, {}) }) });
  api.add({ method: 'post', path: '/bodies', tag: 'bodies', summary: 'Create a body (administrator)', body: createBodyInput, status: 201, handler: async ({ req, body }) => run(req, createBody, body) });
  api.add({ method: 'get', path: '/bodies/:bodyId', tag: 'bodies', summary: 'One body', params: bodyParams, handler: async ({ req, params }) => run(req, getBody, params) });
  api.add({ method: 'patch', path: '/bodies/:bodyId', tag: 'bodies', summary: 'Update a body (optimistic: send the version you read)', params: bodyParams, body: updateBodyInput, handler: async ({ req, params, body }) => run(req, updateBody, { ...params, ...body }) });
  api.add({ method: 'get', path: '/bodies/:bodyId/memberships', tag: 'bodies', summary: 'The roster of a body', params: bodyParams, handler: async ({ req, params }) => ({ memberships: await run(req, listMemberships, params) }) });
  api.add({ method: 'post', path: '/bodies/:bodyId/memberships', tag: 'bodies', summary: 'Add a seat to the roster (a vacancy when personId is null)', params: bodyParams, body: createMembershipInput, status: 201, handler: async ({ req, params, body }) => run(req, addMembership, { ...params, ...body }) });
  api.add({ method: 'patch', path: '/bodies/:bodyId/memberships/:membershipId', tag: 'bodies', summary: 'Change a seat', params: membershipParams, body: updateMembershipInput, handler: async ({ req, params, body }) => run(req, updateMembership, { ...params, ...body }) });
  api.add({ method: 'delete', path: '/bodies/:bodyId/memberships/:membershipId', tag: 'bodies', summary: 'Remove a seat', params: membershipParams, handler: async ({ req, params }) => run(req, removeMembership, params) });
}
