import { draftChat, type DraftChatDeps } from '../../workflows/drafts/chat.ts';
import type { ChatFeature } from './chat-core.ts';

/**
 * Protocol drafts in any chat app: the neutral feature behind the app's router
 * (`/coordo protocole`, plain replies in a draft's thread, buttons and forms),
 * and the export released when its files do not get through.
 */
export function draftsFeature(deps: DraftChatDeps): ChatFeature {
  const drafts = draftChat(deps);
  return { name: 'drafts', core: drafts.feature, filesNotDelivered: drafts.filesNotDelivered };
}
