export * from './types';
export * from './sources';
export { demoTree } from './demo-tree';
export { provinceMergers, provincesBefore2025 } from './provinces';
export { PROVINCIAL_AGENCIES, initials } from './agencies';
export { demoRecords } from './records';
export type {
  SeedActivity,
  SeedAward,
  SeedMember,
  SeedProgramme,
  SeedRating,
  SeedRecords,
  SeedTarget,
} from './records';
