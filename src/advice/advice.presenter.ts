import type { EffectiveTemplate } from './advice.library.js';
import type { AdviceTemplateView } from './advice.schema.js';

/** A template in effect in a town, as the API shows it. */
export function presentTemplate(template: EffectiveTemplate, townCode: string): AdviceTemplateView {
  const builtin = template.origin === 'edited' ? template.builtin : null;
  return {
    code: template.code,
    townCode,
    categoryCode: template.categoryCode,
    situation: template.situation,
    title: template.title,
    titleEn: template.titleEn,
    body: template.body,
    bodyEn: template.bodyEn,
    active: template.active,
    origin: template.origin,
    builtin: builtin
      ? { title: builtin.title, titleEn: builtin.titleEn, body: builtin.body, bodyEn: builtin.bodyEn }
      : null,
    updatedAt: template.updatedAt === null ? null : new Date(template.updatedAt).toISOString(),
  };
}

/** What the audit log keeps of a town's version: the fields a person edits. */
export function auditedTemplate(template: EffectiveTemplate): Record<string, unknown> {
  return {
    code: template.code,
    categoryCode: template.categoryCode,
    situation: template.situation,
    title: template.title,
    titleEn: template.titleEn,
    body: template.body,
    bodyEn: template.bodyEn,
    active: template.active,
  };
}
