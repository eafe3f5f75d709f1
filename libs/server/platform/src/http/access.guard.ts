import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from './domain-error';
import { IS_PUBLIC } from './public.decorator';

/**
 * Deny by default: a route passes only if it is marked @Public(). Sign-in and permissions
 * (identity issue) extend this guard; a route without either marker is never reachable.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    throw new DomainError('UNAUTHENTICATED');
  }
}
