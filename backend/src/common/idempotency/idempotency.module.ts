import { Module } from '@nestjs/common';

import { IdempotencyStore } from './idempotency.store';

/** The idempotency-key store; the API adds the interceptor, the worker purges old keys. */
@Module({ providers: [IdempotencyStore], exports: [IdempotencyStore] })
export class IdempotencyModule {}
