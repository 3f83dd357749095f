/**
 * What a printed form holds, independent of its file format: a title, lines under it, one table, notes.
 * The ODT and PDF renderers draw the same printable, so both say the same thing.
 */
export interface Printable {
  title: string;
  /** Right-aligned under the title, such as the date or the statistics period. */
  subtitle: string | null;
  table: {
    /** Relative column widths. */
    widths: number[];
    header: string[] | null;
    rows: string[][];
  };
  notes: string[];
}
