import { Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div data-testid="page-loading" style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" />
      <div style={{ marginTop: 12, color: '#8c8c8c' }}>{t('common.loading')}</div>
    </div>
  );
}
