import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@srp/server/platform';
import { RequestWithActor } from '../access/session.guard';
import { Actor } from '../sessions/session.service';

/** The signed-in actor of a route that requires a permission (the guard has resolved it). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  return actor;
});
