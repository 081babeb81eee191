import { type DefaultCategory, defaultTaxonomy } from '../taxonomy/index.js';
import { type CategoryProfile, categoryProfile } from './category-profiles.js';

/** A leaf category of the default taxonomy as the demo uses it: its code, names and behaviour. */
export interface DemoCategory {
  code: string;
  /** The leaf's Chinese name (占道经营). */
  name: string;
  /** The level-1 area's Chinese name (市容环境). */
  areaName: string;
  profile: CategoryProfile;
}

function leavesOf(category: DefaultCategory, areaName: string): DemoCategory[] {
  if (!category.children || category.children.length === 0) {
    return [{ code: category.code, name: category.name, areaName, profile: categoryProfile(category.code) }];
  }
  return category.children.flatMap((child) => leavesOf(child, areaName));
}

/** Every leaf of the default taxonomy, in its order: the categories the demo town's records are filed under. */
export function demoCategories(): DemoCategory[] {
  return defaultTaxonomy.flatMap((area) => leavesOf(area, area.name));
}
