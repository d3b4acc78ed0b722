import { useState } from 'react';
import { type CombinedError, useQuery } from 'urql';

import { TREE_QUERY, type TreeData } from './documents';

/** dd/mm/yyyy, as Vietnamese offices write dates. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

const numberFormat = new Intl.NumberFormat('vi-VN');

/** The API's error codes, said to the user in Vietnamese. */
export function problemOf(error: CombinedError): string {
  const code = error.graphQLErrors[0]?.extensions?.code;
  if (code === 'FORBIDDEN') {
    return 'Đơn vị này nằm ngoài phạm vi bạn được xem.';
  }
  if (code === 'UNAUTHENTICATED') {
    return 'Phiên đăng nhập đã hết: hãy đăng nhập lại.';
  }
  if (code === 'UNAVAILABLE') {
    return 'Máy chủ dữ liệu tạm thời không trả lời: thử lại sau ít phút.';
  }
  return 'Không tải được dữ liệu.';
}

/** Walks the tree of a chosen date: breadcrumb from the national federation, then the children. */
export function TreeBrowser({
  initialCode = 'VN',
  initialDate,
}: {
  initialCode?: string;
  initialDate: string;
}) {
  const [code, setCode] = useState(initialCode);
  const [asOf, setAsOf] = useState(initialDate);
  const [{ data, fetching, error }] = useQuery<TreeData>({ query: TREE_QUERY, variables: { code, asOf } });
  const unit = data?.orgUnit;

  return (
    <main>
      <h1>Cơ cấu tổ chức công đoàn</h1>
      <label>
        Ngày xem cơ cấu{' '}
        <input
          type="date"
          value={asOf}
          onChange={(event) => event.target.value && setAsOf(event.target.value)}
        />
      </label>
      {fetching && <p role="status">Đang tải…</p>}
      {error && <p role="alert">{problemOf(error)}</p>}
      {!fetching && !error && data && !unit && <p role="alert">Không tìm thấy đơn vị {code}.</p>}
      {unit && (
        <section aria-label={unit.name}>
          <nav aria-label="Đường dẫn">
            {unit.ancestors.edges.map(({ node }) => (
              <span key={node.id}>
                <button type="button" onClick={() => setCode(node.code)}>
                  {node.name}
                </button>
                {' › '}
              </span>
            ))}
            <strong>{unit.name}</strong>
          </nav>
          <p>
            Mã {unit.code}; hoạt động từ {formatDate(unit.validFrom)}
            {unit.validTo ? ` đến ${formatDate(unit.validTo)}` : ''}.
          </p>
          <h2>
            Đơn vị trực thuộc ngày {formatDate(asOf)}: {numberFormat.format(unit.children.totalCount)}
          </h2>
          <ul>
            {unit.children.edges.map(({ node }) => (
              <li key={node.id}>
                <button type="button" onClick={() => setCode(node.code)}>
                  {node.name}
                </button>{' '}
                <small>({node.code})</small>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
