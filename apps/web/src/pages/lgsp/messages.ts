// The LGSP portal's and administration's messages come with their route chunks (not the first download of every citizen).
import i18n from '../../i18n/index.ts';
import en from '../../i18n/lgsp.en.json' with { type: 'json' };
import vi from '../../i18n/lgsp.vi.json' with { type: 'json' };

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
