export * from './types';
export * from './sources';
export { demoTree } from './demo-tree';
export { provinceMergers, provincesBefore2025 } from './provinces';
export { PROVINCIAL_AGENCIES, initials } from './agencies';
export { demoRecords } from './records';
export {
  DEMO_APPROVED_REPORTS,
  DEMO_CURRENT_REPORTS,
  demoDeclaredValues,
  type SeedApprovedReport,
  type SeedCurrentReports,
  type SeedReportState,
} from './reports';
export { DEMO_ACCOUNT_UNITS, DEMO_PASSWORD, demoAccounts, type SeedAccount } from './accounts';
export { NATIONAL_PROVENANCE, nationalDatasetSql, type NationalOptions, type RecordStep } from './national';
export {
  demoCollections,
  demoEmployerKind,
  DEMO_COLLECTIONS_PROVENANCE,
  type FinanceUnit,
  nationalFinanceSql,
  type SeedCollection,
} from './finance';
