import { demoTree } from './demo-tree';
import { initials } from './agencies';
import { provinceMergers, provincesBefore2025 } from './provinces';

describe('the demo tree', () => {
  const tree = demoTree();
  const byCode = new Map(tree.units.map((unit) => [unit.code, unit]));

  it('has unique, uppercase codes and lists parents before children', () => {
    expect(byCode.size).toBe(tree.units.length);
    const seen = new Set<string>();
    for (const unit of tree.units) {
      expect(unit.code).toMatch(/^[A-Z0-9][A-Z0-9-]*$/);
      if (unit.parentCode !== null) {
        expect(seen.has(unit.parentCode)).toBe(true);
      }
      seen.add(unit.code);
    }
  });

  it('seeds 63 provincial federations, of which 29 close into the 34 of July 2025', () => {
    expect(provincesBefore2025()).toHaveLength(63);
    const mergers = provinceMergers();
    expect(mergers).toHaveLength(34);
    expect(mergers.flatMap((m) => m.closingCodes)).toHaveLength(29);
    expect(mergers.find((m) => m.nameAfter === 'Hưng Yên')).toMatchObject({
      continuingCode: 'HY',
      closingCodes: ['TB'],
    });
    expect(mergers.find((m) => m.nameAfter === 'Huế')).toMatchObject({
      continuingCode: 'TTH',
      closingCodes: [],
    });
  });

  it('puts the documents’ numbers of grassroots unions under their public-servant unions', () => {
    const childrenOf = (code: string) => tree.units.filter((unit) => unit.parentCode === code);
    expect(childrenOf('QN-CDVC')).toHaveLength(55);
    expect(childrenOf('P001-CDVC')).toHaveLength(54);
    expect(byCode.get('P001-CDVC-SKHCN')?.name).toBe('Công đoàn cơ sở Sở Khoa học và Công nghệ');
  });

  it('gives every unit and event a provenance: a source document or an assumption', () => {
    for (const item of [...tree.units, ...tree.events]) {
      expect(item.provenance).toMatch(
        /(^\d{3}_[0-9a-f]+\.txt: «)|assumption: |provinces-2025\.tsv|resolution 202\/2025|DOMAIN\.md/,
      );
    }
  });

  it('closes Thái Bình into Hưng Yên on 1 July 2025', () => {
    const merge = tree.events.find((event) => event.op === 'merge' && event.targetCode === 'HY');
    expect(merge).toEqual(expect.objectContaining({ sourceCodes: ['TB'], date: '2025-07-01' }));
  });

  it('abbreviates agency names to their initials without diacritics', () => {
    expect(initials('Sở Khoa học và Công nghệ')).toBe('SKHCN');
    expect(initials('Sở Lao động - Thương binh và Xã hội')).toBe('SLDTBXH');
  });
});
