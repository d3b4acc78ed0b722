import { useLocation, useNavigate } from 'react-router';

import { useLocale } from '../../app/i18n';
import { useViewer } from './viewer';

/** For users who hold roles at several units: which one to work at. */
export function UnitSwitcher() {
  const { t } = useLocale();
  const viewer = useViewer();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const units = [...new Map(viewer.roles.map((r) => [r.unit.code, r.unit])).values()];
  if (units.length < 2) {
    return null;
  }
  const here = decodeURIComponent(pathname.split('/')[2] ?? '');
  const current = units.some((u) => u.code === here) ? here : '';
  return (
    <label>
      {t('app.switchUnit')}
      <select
        value={current}
        onChange={(event) => navigate(`/unit/${encodeURIComponent(event.target.value)}`)}
      >
        {current === '' && <option value="">—</option>}
        {units.map((unit) => (
          <option key={unit.code} value={unit.code}>
            {unit.name}
          </option>
        ))}
      </select>
    </label>
  );
}
