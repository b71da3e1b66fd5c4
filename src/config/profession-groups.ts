import { z } from 'zod';
import { qualify, splitId } from '../core/ids.ts';

/** A member as configured: `slack:U01ABC`, `mattermost:…`, or a bare Slack id (`U01ABC`, as before there was a second platform). */
export function qualifyMember(member: string): string {
  return splitId(member) ? member : qualify('slack', member);
}

const MemberSchema = z.string().regex(/^(?:slack|mattermost|cli):[\w.-]+$/u, "n'est pas un identifiant de personne (ex. U01ABC ou slack:U01ABC, mattermost:…)");

/** Profession id → platform-qualified ids of the people who may answer for it. */
export const ProfessionGroupsSchema = z.record(z.string().min(1), z.array(MemberSchema));
export type ProfessionGroupsConfig = z.infer<typeof ProfessionGroupsSchema>;

/** `infirmier=U01,U02;pharmacien=mattermost:abc` → groups; each problem one French line. */
export function parseProfessionGroups(spec: string | undefined, problems: string[]): ProfessionGroupsConfig {
  const groups: Record<string, string[]> = {};
  if (!spec) return groups;
  for (const part of spec.split(';')) {
    const [name, members] = part.split('=');
    if (!name?.trim() || members === undefined) {
      problems.push(`COORDO_PROFESSION_GROUPS — « ${part} » n'est pas de la forme profession=U1,U2`);
      continue;
    }
    groups[name.trim()] = members.split(',').map((m) => m.trim()).filter(Boolean).map(qualifyMember);
  }
  const checked = ProfessionGroupsSchema.safeParse(groups);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) {
    const [profession, index] = issue.path;
    const member = typeof profession === 'string' && typeof index === 'number' ? groups[profession]?.[index] : undefined;
    problems.push(`COORDO_PROFESSION_GROUPS — « ${member ?? String(profession)} » (${String(profession)}) ${issue.message}`);
  }
  return {};
}
