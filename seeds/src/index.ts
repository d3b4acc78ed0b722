export * from './types';
export * from './sources';
export { demoTree } from './demo-tree';
export { provinceMergers, provincesBefore2025 } from './provinces';
export { PROVINCIAL_AGENCIES, initials } from './agencies';
