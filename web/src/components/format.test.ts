import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';

import { csvOf } from './exportTable';
import { formatCount, formatDate, formatMoney, formatMoneyShort, formatPercent } from './format';
import { METRICS } from './metrics';
import { fieldProblems } from './problems';

describe('the formats of each language', () => {
  it('writes Vietnamese figures as the source documents do', () => {
    expect(formatCount('vi', 5202)).toBe('5.202');
    expect(formatMoney('vi', '740000000')).toBe('740.000.000\u00a0₫');
    expect(formatMoneyShort('vi', '740000000')).toBe('740 triệu đồng');
    expect(formatMoneyShort('vi', '397600000000')).toBe('397,6 tỷ đồng');
    expect(formatPercent('vi', 1.073)).toBe('107,3%');
    expect(formatDate('2022-12-31')).toBe('31/12/2022');
  });

  it('writes English figures with English separators', () => {
    expect(formatCount('en', 5202)).toBe('5,202');
    expect(formatMoneyShort('en', '1600000000')).toBe('1.6 billion VND');
  });

  it('formats money beyond 2^53 exactly', () => {
    expect(formatMoney('vi', '9007199254740993')).toBe('9.007.199.254.740.993\u00a0₫');
  });
});

describe('the metric catalogue of the client', () => {
  const sdl = readFileSync(join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8');

  it('names every StatsMetric of the committed schema, each once', () => {
    const block = /enum StatsMetric \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
    const values = block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[A-Z_]+$/.test(line));
    expect(METRICS.map((m) => m.metric).sort()).toEqual(values.sort());
    expect(values).toHaveLength(28);
  });

  it('marks exactly the VND figures as money, as the schema types them', () => {
    const block = /type UnitStats \{([^}]*)\}/.exec(sdl)?.[1] ?? '';
    const money = [...block.matchAll(/^\s+(\w+): Money!$/gm)].map((m) => m[1]);
    expect(money).toContain('welfareAmount');
    expect(money).toContain('duesCollected');
    expect(
      METRICS.filter((m) => m.money)
        .map((m) => m.field)
        .sort(),
    ).toEqual(money.sort());
  });
});

describe('exports and refusals', () => {
  it('writes CSV with a byte-order mark and quotes where needed', () => {
    expect(csvOf(['Đơn vị', 'Đoàn viên'], [['Sở Tư pháp, Quảng Ninh', 178]])).toBe(
      '\uFEFFĐơn vị,Đoàn viên\n"Sở Tư pháp, Quảng Ninh",178\n',
    );
  });

  it('puts a BAD_USER_INPUT that names a field beside that field, anything else above the form', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('2030-01-01 is in the future.', {
          extensions: { code: 'BAD_USER_INPUT', field: 'occurredOn' },
        }),
        new GraphQLError('Not yours.', { extensions: { code: 'FORBIDDEN' } }),
      ],
    });
    expect(fieldProblems(error)).toEqual({
      fields: { occurredOn: '2030-01-01 is in the future.' },
      form: ['Not yours.'],
    });
  });
});
