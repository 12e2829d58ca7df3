import { describe, expect, it } from 'vitest';
import { LANGS, type MessageKey, messageKeys, t } from '../../src/i18n/index.ts';

describe('a percent sign in a message', () => {
  // A plain space let "[95 % CI]" wrap into "[95" over "% CI]" in the Experiments table header.
  it('is held to its number by a no-break space, so a narrow column never breaks between them', () => {
    for (const lang of LANGS) {
      const loose = messageKeys(lang).filter((k) => /[\d}] %/.test(t(lang, k as MessageKey)));
      expect(loose, lang).toEqual([]);
    }
  });
});
