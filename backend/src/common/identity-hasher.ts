import { createHmac } from 'node:crypto';

import { FieldErrorCode } from '@hyrkoll/contracts';
import { maskPersonalNumber, normalisePersonalNumber } from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { DomainError } from './errors/domain-error';

/**
 * Identity numbers are never stored: only an HMAC-SHA-256 under the deployment's secret key
 * (so the hash cannot be reversed by trying every birth date) and a masked form for display.
 */
@Injectable()
export class IdentityHasher {
  constructor(private readonly config: AppConfig) {}

  /** Validates, normalises, hashes and masks; throws a 400 naming `field` when invalid. */
  protect(identityNumber: string, field: string): { hash: Buffer; masked: string } {
    const normalised = normalisePersonalNumber(identityNumber);
    if (!normalised) {
      throw DomainError.validation([
        {
          field,
          code: FieldErrorCode.PERSONAL_NUMBER,
          message: `${field} must be a valid Swedish personal identity or co-ordination number`,
        },
      ]);
    }
    return {
      hash: createHmac('sha256', this.config.identityHashKey).update(normalised).digest(),
      masked: maskPersonalNumber(normalised),
    };
  }
}
