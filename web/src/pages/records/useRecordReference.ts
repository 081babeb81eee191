import { type CategoryNode, fetchCategoryTree } from '../../api/categories';
import { type Department, fetchDepartments } from '../../api/departments';
import { fetchPlaces, type Place } from '../../api/places';
import { useQuery } from '../../api/useQuery';

export interface RecordReference {
  categories: CategoryNode[];
  villages: Place[];
  departments: Department[];
}

/** What the filters offer and the tags name: the category tree, the town's villages and departments. */
export function useRecordReference(town: string | undefined): RecordReference {
  const categories = useQuery('records-categories', (signal) => fetchCategoryTree(signal));
  const villages = useQuery(
    `records-villages|${town}`,
    (signal) => fetchPlaces({ level: 'village', within: town }, signal),
    town !== undefined,
  );
  const departments = useQuery(
    `records-departments|${town}`,
    (signal) => fetchDepartments(town as string, signal),
    town !== undefined,
  );
  return {
    categories: categories.data?.tree ?? [],
    villages: villages.data ?? [],
    departments: departments.data ?? [],
  };
}
