import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { Request } from 'express';
import { Account } from '../accounts/account.entity';
import { AuthService } from './auth.service';
import { requestOrigin } from './request-origin';

/** passport-local: e-mail and password from the JSON body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: Request, email: string, password: string): Promise<Account> {
    return this.auth.verifyCredentials(email, password, requestOrigin(request));
  }
}
