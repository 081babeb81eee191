import { Navigate, Route, Routes } from 'react-router';
import { RecordDetail } from './RecordDetail';
import { RecordsSearch } from './RecordsSearch';

/** 案件/投诉: the search (`/records?…`) and one record (`/records/complaints/1`, `/records/cases/2`). */
export default function RecordsPage() {
  return (
    <Routes>
      <Route index element={<RecordsSearch />} />
      <Route path=":kind/:id" element={<RecordDetail />} />
      <Route path="*" element={<Navigate to="/records" replace />} />
    </Routes>
  );
}
