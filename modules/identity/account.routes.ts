import { Type } from 'typebox';
import QRCode from 'qrcode';
import { errorResponses, unauthorized, type App, type Principal } from '../../packages/platform/index.ts';
import type { AccountService } from './account.service.ts';
import * as S from './account.schemas.ts';
import { PERMISSIONS } from './permissions.ts';

const userId = (p: Principal): string => {
  if (p.kind !== 'user') throw unauthorized('identity.not_a_person', 'Only a signed-in person has a profile');
  return p.userId;
};

/** /api/identity: the signed-in person, officials, roles, permissions, service clients, keys. */
export function accountRoutes(accounts: AccountService, rotateKeys: () => Promise<string>) {
  return async function routes(app: App) {
    const tags = ['identity'];

    app.get('/me', { config: { access: 'authenticated' }, schema: { operationId: 'getMe', tags, summary: 'The signed-in person', response: { 200: S.Me, ...errorResponses() } } }, async (request) =>
      accounts.me(request.principal),
    );

    app.post(
      '/me/totp/enroll',
      { config: { access: 'authenticated' }, schema: { operationId: 'startTotpEnrolment', tags, summary: 'Start TOTP enrolment (officials)', response: { 200: S.TotpEnrolment, ...errorResponses(409) } } },
      async (request) => {
        const { secret, otpauthUrl } = await accounts.beginTotpEnrolment(userId(request.principal));
        return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { width: 200, margin: 1 }) };
      },
    );

    app.post(
      '/me/totp/confirm',
      { config: { access: 'authenticated' }, schema: { operationId: 'confirmTotpEnrolment', tags, summary: 'Confirm TOTP enrolment with a code', body: S.TotpCode, response: { 204: Type.Null(), ...errorResponses(409) } } },
      async (request, reply) => {
        await accounts.confirmTotp(userId(request.principal), request.body.code);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/officials',
      { config: { access: 'identity.manage' }, schema: { operationId: 'listOfficials', tags, summary: 'Officials in my scope', querystring: S.ListQuery, response: { 200: S.OfficialPage, ...errorResponses() } } },
      async (request) => {
        const page = await accounts.listOfficials(request.principal, request.query);
        await request.audit({ action: 'read identity.officials', target: '/api/identity/officials', purpose: 'account administration', details: { count: page.items.length, q: request.query.q ?? null } });
        return page;
      },
    );

    app.post(
      '/officials',
      { config: { access: 'identity.manage' }, schema: { operationId: 'createOfficial', tags, summary: 'Create an official account', body: S.CreateOfficial, response: { 201: S.Official, ...errorResponses(409) } } },
      async (request, reply) => reply.status(201).send(await accounts.createOfficial(request.principal, request.body)),
    );

    app.get(
      '/officials/:id',
      { config: { access: 'identity.manage' }, schema: { operationId: 'getOfficial', tags, summary: 'One official', params: S.IdParams, response: { 200: S.Official, ...errorResponses(404) } } },
      async (request) => {
        const official = await accounts.getOfficial(request.principal, request.params.id);
        await request.audit({ action: 'read identity.official', target: `/api/identity/officials/${official.id}`, purpose: 'account administration' });
        return official;
      },
    );

    app.patch(
      '/officials/:id',
      { config: { access: 'identity.manage' }, schema: { operationId: 'updateOfficial', tags, summary: 'Update an official (optimistic concurrency by version)', params: S.IdParams, body: S.UpdateOfficial, response: { 200: S.Official, ...errorResponses(404, 409) } } },
      async (request) => accounts.updateOfficial(request.principal, request.params.id, request.body),
    );

    app.post(
      '/officials/:id/unlock',
      { config: { access: 'identity.manage' }, schema: { operationId: 'unlockOfficial', tags, summary: 'Unlock an account locked after failed sign-ins', params: S.IdParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
      async (request, reply) => {
        await accounts.unlockOfficial(request.principal, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/officials/:id/roles',
      { config: { access: 'identity.manage' }, schema: { operationId: 'grantOfficialRole', tags, summary: 'Grant a role within an agency', params: S.IdParams, body: S.AssignRole, response: { 201: S.Official, ...errorResponses(404, 409) } } },
      async (request, reply) => reply.status(201).send(await accounts.assignRole(request.principal, request.params.id, request.body)),
    );

    app.delete(
      '/officials/:id/roles/:assignmentId',
      { config: { access: 'identity.manage' }, schema: { operationId: 'withdrawOfficialRole', tags, summary: 'Withdraw a role', params: S.AssignmentParams, response: { 204: Type.Null(), ...errorResponses(404) } } },
      async (request, reply) => {
        await accounts.removeRole(request.principal, request.params.id, request.params.assignmentId);
        return reply.status(204).send(null);
      },
    );

    app.get('/roles', { config: { access: 'identity.manage' }, schema: { operationId: 'listRoles', tags, summary: 'Roles', response: { 200: S.RoleList, ...errorResponses() } } }, async () => ({
      items: await accounts.listRoles(),
    }));

    app.post(
      '/roles',
      { config: { access: 'identity.manage' }, schema: { operationId: 'createRole', tags, summary: 'Create a role', body: S.CreateRole, response: { 201: S.Role, ...errorResponses(409) } } },
      async (request, reply) => reply.status(201).send(await accounts.createRole(request.principal, request.body)),
    );

    app.patch(
      '/roles/:id',
      { config: { access: 'identity.manage' }, schema: { operationId: 'updateRole', tags, summary: 'Update a role', params: S.IdParams, body: S.UpdateRole, response: { 200: S.Role, ...errorResponses(404, 409) } } },
      async (request) => accounts.updateRole(request.principal, request.params.id, request.body),
    );

    app.get(
      '/permissions',
      { config: { access: 'authenticated' }, schema: { operationId: 'listPermissions', tags, summary: 'The enumerated permissions', response: { 200: S.PermissionListResponse, ...errorResponses() } } },
      async () => ({ items: Object.entries(PERMISSIONS).map(([code, description]) => ({ code, description })) }),
    );

    app.post(
      '/clients',
      { config: { access: 'identity.clients' }, schema: { operationId: 'registerClient', tags, summary: 'Register an information system (client credentials); the secret is returned once', body: S.CreateServiceClient, response: { 201: S.ServiceClientCreated, ...errorResponses(409) } } },
      async (request, reply) => reply.status(201).send(await accounts.createServiceClient(request.principal, request.body)),
    );

    app.post(
      '/keys/rotate',
      { config: { access: 'identity.keys' }, schema: { operationId: 'rotateSigningKey', tags, summary: 'Rotate the SSO signing key (old keys keep verifying for two days)', response: { 200: S.KeyRotated, ...errorResponses() } } },
      async () => ({ kid: await rotateKeys() }),
    );
  };
}
