import type { ComboboxItem, OptionsFilter } from '@mantine/core';
import { matchesFolded } from '../lib/format.ts';

/** A select's search that ignores diacritics: "dong thap" finds "Đồng Tháp", "tay" finds "Tày". */
export const foldedFilter: OptionsFilter = ({ options, search }) =>
  options.filter((option) => 'label' in option && matchesFolded((option as ComboboxItem).label, search));
