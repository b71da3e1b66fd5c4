/**
 * Told when the platform will not let Coordo write in a channel: how to let
 * it in (`invite`, in the platform's words), then what to do again.
 */
export const notInChannel = (invite: string, again: string): string => `Je ne peux pas écrire dans ce canal : ${invite}, puis ${again}.`;
