import { Route, Routes } from 'react-router';
import { ReportList } from './ReportList';
import { ReportView } from './ReportView';

/** 报告: the archive of generated reports (`/reports`) and one report with its preview and files (`/reports/:id`). */
export default function ReportsPage() {
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path=":id" element={<ReportView />} />
    </Routes>
  );
}
