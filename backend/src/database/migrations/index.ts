import { OrgStructure1763856000000 } from './1763856000000-org-structure';
import { UsersSessionsAudit1763856100000 } from './1763856100000-users-sessions-audit';
import { AgreementData1763856200000 } from './1763856200000-agreement-data';
import { OrdersDispensationsBids1763856300000 } from './1763856300000-orders-dispensations-bids';
import { ImportsAndFacts1763856400000 } from './1763856400000-imports-and-facts';
import { DispensationRegister1763856500000 } from './1763856500000-dispensation-register';
import { IdempotencyKeys1763857000000 } from './1763857000000-idempotency-keys';
import { Outbox1763857200000 } from './1763857200000-outbox';
import { MetricsReadModel1763857300000 } from './1763857300000-metrics-read-model';
import { AuditAppend1763857400000 } from './1763857400000-audit-append';
import { DeciderLookup1763857500000 } from './1763857500000-decider-lookup';
import { FactKeysWithinRegion1763857600000 } from './1763857600000-fact-keys-within-region';
import { FactKeysPerStatement1763857700000 } from './1763857700000-fact-keys-per-statement';
import { StagedLineBlocks1763857800000 } from './1763857800000-staged-line-blocks';
import { SupplierNamesInRollup1763857900000 } from './1763857900000-supplier-names-in-rollup';
import { ImportSources1763858000000 } from './1763858000000-import-sources';
import { SumsCannotOverflow1763858100000 } from './1763858100000-sums-cannot-overflow';
import { BidsCancelledWithOrder1763858200000 } from './1763858200000-bids-cancelled-with-order';
import { ImportSourcesNormalised1763858300000 } from './1763858300000-import-sources-normalised';
import { BoardComments1763858800000 } from './1763858800000-board-comments';
import { PasswordSetups1763860000000 } from './1763860000000-password-setups';
import { RoleGrantRequests1763860100000 } from './1763860100000-role-grant-requests';
import { Operators1763861000000 } from './1763861000000-operators';
import { ApplicationRole1763862000000 } from './1763862000000-application-role';
import { IdentityMasksWithoutBirthYear1763863000000 } from './1763863000000-identity-masks-without-birth-year';
import { SingleSignOn1763864000000 } from './1763864000000-single-sign-on';
import { GrantRequestsCloseAndAppendOnlyOperatorEvents1763865000000 } from './1763865000000-grant-requests-close-and-append-only-operator-events';

/** Every migration, in order. Listed as classes: a bundle has no files to glob. */
export const MIGRATIONS = [
  OrgStructure1763856000000,
  UsersSessionsAudit1763856100000,
  AgreementData1763856200000,
  OrdersDispensationsBids1763856300000,
  ImportsAndFacts1763856400000,
  DispensationRegister1763856500000,
  IdempotencyKeys1763857000000,
  Outbox1763857200000,
  MetricsReadModel1763857300000,
  AuditAppend1763857400000,
  DeciderLookup1763857500000,
  FactKeysWithinRegion1763857600000,
  FactKeysPerStatement1763857700000,
  StagedLineBlocks1763857800000,
  SupplierNamesInRollup1763857900000,
  BidsCancelledWithOrder1763858200000,
  ImportSources1763858000000,
  SumsCannotOverflow1763858100000,
  ImportSourcesNormalised1763858300000,
  BoardComments1763858800000,
  PasswordSetups1763860000000,
  RoleGrantRequests1763860100000,
  Operators1763861000000,
  ApplicationRole1763862000000,
  IdentityMasksWithoutBirthYear1763863000000,
  SingleSignOn1763864000000,
  GrantRequestsCloseAndAppendOnlyOperatorEvents1763865000000,
];
