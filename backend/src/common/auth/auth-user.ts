import type { Permission } from '@hyrkoll/contracts';
import type { Grant } from '@hyrkoll/domain';

/** The logged-in user of a request, resolved from the session cookie by the AuthGuard. */
export interface AuthUser {
  id: string;
  regionId: string;
  name: string;
  email: string;
  locale: 'sv' | 'en';
  sessionId: string;
  csrfToken: string;
  grants: Grant[];
  permissions: ReadonlySet<Permission>;
}

/** Who did something, for the audit trail: a user in a request, or the system in a job. */
export interface Actor {
  regionId: string;
  userId: string | null;
  name: string;
  requestId: string | null;
}

/**
 * A request as the services see it: the logged-in user, whose grants decide what they may do,
 * and the same user as the actor the audit trail names, with the request's id.
 */
export interface RequestContext {
  readonly user: AuthUser;
  readonly actor: Actor;
}

export function actorOf(user: AuthUser, requestId: string | null): Actor {
  return { regionId: user.regionId, userId: user.id, name: user.name, requestId };
}

export function systemActor(regionId: string, job: string, jobId: string | null): Actor {
  return { regionId, userId: null, name: `system: ${job}`, requestId: jobId };
}
