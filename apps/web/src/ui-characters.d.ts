/** Every character the screens print, made at build by apps/web/vite.config.mts (the font subset holds exactly these). */
declare module 'virtual:ui-characters' {
  export const UI_CHARACTERS: string;
}
