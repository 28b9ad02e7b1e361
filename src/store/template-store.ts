import type { Kysely } from 'kysely';
import type { Database, LetterTemplateTable } from './schema.ts';

export type StoredTemplate = Omit<LetterTemplateTable, 'workspaceId'>;

export async function findTemplate(db: Kysely<Database>, workspaceId: string, templateId: string, locale: string): Promise<StoredTemplate | undefined> {
  return db.selectFrom('letterTemplate').select(['templateId', 'locale', 'subject', 'body', 'updatedAt'])
    .where('workspaceId', '=', workspaceId).where('templateId', '=', templateId).where('locale', '=', locale).executeTakeFirst();
}

export async function listTemplates(db: Kysely<Database>, workspaceId: string): Promise<StoredTemplate[]> {
  return db.selectFrom('letterTemplate').select(['templateId', 'locale', 'subject', 'body', 'updatedAt'])
    .where('workspaceId', '=', workspaceId).orderBy('templateId').orderBy('locale').execute();
}

export async function saveTemplate(db: Kysely<Database>, workspaceId: string, template: StoredTemplate): Promise<void> {
  await db.insertInto('letterTemplate').values({ workspaceId, ...template })
    .onConflict((oc) => oc.columns(['workspaceId', 'templateId', 'locale']).doUpdateSet({ subject: template.subject, body: template.body, updatedAt: template.updatedAt }))
    .execute();
}

/** True when there was one to remove. */
export async function deleteTemplate(db: Kysely<Database>, workspaceId: string, templateId: string, locale: string): Promise<boolean> {
  const result = await db.deleteFrom('letterTemplate').where('workspaceId', '=', workspaceId).where('templateId', '=', templateId).where('locale', '=', locale).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
