/** The paper size a reader expects: Letter in North America and the places that use its paper, A4 elsewhere. */
import type { PaperSizeName } from '../../../shared/api/transfer';

/** Regions whose offices print on US Letter (CLDR's paper-size data). */
const LETTER_REGIONS: ReadonlySet<string> = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'CR', 'GT', 'PA', 'PR', 'SV', 'VE', 'BZ', 'DO', 'NI']);

/** A4 or Letter for a BCP 47 language tag ("en-US" → letter, "en-GB" → a4, "en" → letter, as en is US English). */
export function paperFor(languageTag: string): PaperSizeName {
  try {
    const region = new Intl.Locale(languageTag).maximize().region;
    return region !== undefined && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
  } catch {
    return 'a4';
  }
}
