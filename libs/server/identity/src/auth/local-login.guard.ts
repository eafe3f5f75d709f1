import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { createValidationPipe } from '@srp/server/platform';
import type { Request } from 'express';
import { LoginDto } from './auth.dto';

/**
 * Validates the body like every other route (400 with field errors, unknown fields refused)
 * before passport-local checks the credentials.
 */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  private readonly pipe = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    request.body = await this.pipe.transform(request.body, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  // Passport's own "Missing credentials" must not replace our error: rethrow what validate threw.
  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    return user;
  }
}
