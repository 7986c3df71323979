import { Global, Module } from '@nestjs/common';

import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** The outbox of a process (API or worker): writing jobs, and relaying the queues it has. */
@Global()
@Module({ providers: [Outbox, OutboxRelay], exports: [Outbox, OutboxRelay] })
export class OutboxModule {}
