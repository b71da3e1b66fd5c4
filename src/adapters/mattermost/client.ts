import pkg from '@mattermost/client';
import { WebSocket as NodeWebSocket } from 'ws';

const { Client4, WebSocketClient } = pkg;
export { WebSocketClient };
export type MattermostWebSocket = InstanceType<typeof WebSocketClient>;

/**
 * Node 20 has neither a global WebSocket nor CloseEvent, and the package's
 * WebSocketClient reads both (the WebSocket constants, and the CloseEvent it
 * builds when a ping or a sequence check fails): provide them from `ws`.
 */
export function installWebSocketGlobals(): void {
  const g = globalThis as { WebSocket?: unknown; CloseEvent?: unknown };
  g.WebSocket ??= NodeWebSocket;
  g.CloseEvent ??= class CloseEvent extends Event {
    readonly code: number;
    readonly reason: string;
    readonly wasClean: boolean;
    constructor(type: string, init: { code?: number; reason?: string; wasClean?: boolean } = {}) {
      super(type);
      this.code = init.code ?? 0;
      this.reason = init.reason ?? '';
      this.wasClean = init.wasClean ?? false;
    }
  };
}

/** A file to attach to a post. */
export interface UploadFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/**
 * Client4 (REST v4) with the two calls it lacks: opening an interactive dialog,
 * and uploading files with `channel_id` in the query string as well as the form.
 */
export class MattermostClient extends Client4 {
  constructor(url: string, token: string) {
    super();
    this.setUrl(url);
    this.setToken(token);
    this.setIncludeCookies(false);
  }

  openDialog(request: { trigger_id: string; url: string; dialog: Record<string, unknown> }): Promise<unknown> {
    return this.doFetch(`${this.getBaseRoute()}/actions/dialogs/open`, { method: 'post', body: JSON.stringify(request) });
  }

  /** Upload files to a channel; their ids, in order. */
  async uploadFiles(channelId: string, files: readonly UploadFile[]): Promise<string[]> {
    const form = new FormData();
    form.append('channel_id', channelId);
    for (const file of files) form.append('files', new Blob([new Uint8Array(file.content)], { type: file.mimeType }), file.name);
    const answer = await this.doFetch<{ file_infos?: { id: string }[] }>(`${this.getFilesRoute()}?channel_id=${encodeURIComponent(channelId)}`, { method: 'post', body: form });
    return (answer.file_infos ?? []).map((info) => info.id);
  }
}

/** The HTTP status of a failed Client4 call (ClientError.status_code), if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status_code?: unknown } | null)?.status_code;
  return typeof status === 'number' ? status : undefined;
}
