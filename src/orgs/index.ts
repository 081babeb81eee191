export { type DefaultDepartment, defaultDepartments } from './department.defaults.js';
export { type DepartmentRow, listDepartmentRows } from './department.repo.js';
export { departmentRoutes } from './department.routes.js';
export type {
  CreateDepartmentInput,
  Department,
  DepartmentKind,
  SeedResult,
  UpdateDepartmentInput,
} from './department.schema.js';
export { departmentCodeSchema, departmentKinds } from './department.schema.js';
export {
  createDepartment,
  getDepartment,
  listDepartments,
  type OrgDeps,
  type OrgWriteDeps,
  requireDepartment,
  seedDefaultDepartments,
  updateDepartment,
} from './department.service.js';
