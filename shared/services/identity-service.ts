import type { Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { UseCaseContext } from '../usecase/context';

/** A verified Entra identity signing in to the API (from the access token: oid, preferred_username, name). */
export interface SignIn {
  aadObjectId: string;
  email: string | null;
  name: string | null;
  /** The identity is one of the configured first administrators (RADSLAG_ADMINS). */
  bootstrapAdmin: boolean;
}

/**
 * Who a signed-in Entra user is on the roster. The object id is the identity once linked; an e-mail only
 * links a person who was never linked (aad_object_id null). An e-mail that names a person already linked
 * to another object id is refused: a second account with the same preferred_username (a guest, a renamed
 * mailbox, a token from a lookalike) must not act as that person.
 *
 * A configured first administrator (RADSLAG_ADMINS) is made an administrator on sign-in, created as a person
 * when the roster does not have them yet, so an empty production store can be set up from the tab or CLI.
 */
export async function signInWithEntra(ctx: UseCaseContext, who: SignIn): Promise<Person | null> {
  const people = ctx.tx.people;
  let person = await people.findByAadObjectId(who.aadObjectId);
  if (!person && who.email) {
    const byMail = await people.findByEmail(who.email);
    if (byMail?.aadObjectId && byMail.aadObjectId !== who.aadObjectId) {
      throw new RadslagError('IDENTITY_CONFLICT');
    }
    if (byMail) {
      person = await people.update({ ...byMail, aadObjectId: who.aadObjectId });
      await ctx.tx.audit.record({ actorPersonId: person.id, action: 'person.link_entra', entity: 'person', entityId: person.id, details: { via: 'email' }, correlationId: ctx.correlationId });
    }
  }
  if (!who.bootstrapAdmin) return person;
  if (!person) {
    person = await people.insert({
      id: ctx.ids.next(),
      tenantId: ctx.tenantId,
      name: (who.name ?? who.email ?? 'Administratör').slice(0, 200),
      email: who.email,
      aadObjectId: who.aadObjectId,
      userPrincipalName: who.email,
      title: null,
      organisationId: null,
      isAdmin: true,
      locale: null,
      version: 1,
    });
  } else if (!person.isAdmin) {
    person = await people.update({ ...person, isAdmin: true });
  } else {
    return person;
  }
  await ctx.tx.audit.record({ actorPersonId: person.id, action: 'person.bootstrap_admin', entity: 'person', entityId: person.id, details: { via: 'RADSLAG_ADMINS' }, correlationId: ctx.correlationId });
  return person;
}
