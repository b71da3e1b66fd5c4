import type { Migration } from '../../store/database.ts';
import { answerMigrations } from '../../store/answers.ts';

/** Tables of the Slack adapter: processed events, posted answers, feedback on answers (shared with Mattermost, see answerMigrations). */
export const slackMigrations: Migration[] = [...answerMigrations];
