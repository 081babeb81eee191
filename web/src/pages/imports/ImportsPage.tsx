import { Space, Typography } from 'antd';
import { Route, Routes } from 'react-router';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { ImportHistory } from './ImportHistory';
import { ImportResult } from './ImportResult';
import { UploadCard } from './UploadCard';

/** 数据导入: upload a file (for users with imports:write), the import history, and one import's result. */
export default function ImportsPage() {
  return (
    <Routes>
      <Route index element={<ImportsHome />} />
      <Route path=":id" element={<ImportResult />} />
    </Routes>
  );
}

function ImportsHome() {
  const { t } = useI18n();
  const { me } = useSession();
  const mayImport = me.permissions.includes('imports:write');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('imports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('imports.subtitle')}</Typography.Text>
      </div>
      <UploadCard mayImport={mayImport} />
      <ImportHistory mayImport={mayImport} />
    </Space>
  );
}
