/** subset-font ships no types: the one call vite.config.mts makes (https://github.com/papandreou/subset-font). */
declare module 'subset-font' {
  export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' }): Promise<Buffer>;
}
