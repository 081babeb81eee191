import { Route, Routes } from 'react-router';
import { WarningDetailPage } from './WarningDetailPage';
import { WarningList } from './WarningList';

/** 预警中心: the list at `/warnings` (filters in the address), one warning at `/warnings/:id`. */
export default function WarningsPage() {
  return (
    <Routes>
      <Route index element={<WarningList />} />
      <Route path=":id" element={<WarningDetailPage />} />
    </Routes>
  );
}
