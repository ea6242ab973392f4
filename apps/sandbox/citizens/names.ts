import type { Sex } from './personal-id.ts';
import type { Random } from './random.ts';

/**
 * Vietnamese names for synthetic citizens. Family-name weights follow published national
 * frequencies (Nguyễn about 38%), tilted to the Mekong Delta spelling (Huỳnh, Võ rather
 * than Hoàng, Vũ). Ethnic Hoa and Khơ-me citizens draw from their own common family names.
 */
const KINH_FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 4.5], ['Võ', 3.5], ['Phan', 4.5],
  ['Trương', 1.4], ['Bùi', 2], ['Đặng', 2.1], ['Đỗ', 1.4], ['Ngô', 1.3], ['Hồ', 1.3], ['Dương', 1],
  ['Đinh', 0.8], ['Lý', 0.5], ['Hoàng', 0.6], ['Vũ', 0.5], ['Lâm', 0.5], ['Mai', 0.5], ['Đoàn', 0.5],
  ['Cao', 0.4], ['Châu', 0.4], ['Lương', 0.3], ['Tô', 0.3], ['Thái', 0.3], ['Tạ', 0.2], ['La', 0.2],
];

const HOA_FAMILY_NAMES = ['Lâm', 'Lý', 'Quách', 'Trịnh', 'Tăng', 'Hứa', 'Châu', 'Diệp', 'Mã', 'Trương'] as const;
const KHMER_FAMILY_NAMES = ['Thạch', 'Sơn', 'Danh', 'Kim', 'Lâm', 'Chau'] as const;

/** Middle names other than `Văn`/`Thị`, which are drawn separately by generation. */
const MIDDLE_NAMES: Readonly<Record<Sex, readonly (readonly [string, number])[]>> = {
  male: [['Hữu', 6], ['Minh', 10], ['Thanh', 6], ['Quốc', 6], ['Công', 4], ['Đức', 4], ['Hoàng', 5],
    ['Tấn', 5], ['Thành', 4], ['Trọng', 3], ['Duy', 4], ['Gia', 4], ['Anh', 3], ['Phúc', 2], ['Nhật', 3]],
  female: [['Ngọc', 10], ['Thanh', 5], ['Thu', 4], ['Kim', 5], ['Mỹ', 4], ['Bích', 3], ['Minh', 3],
    ['Hồng', 3], ['Phương', 3], ['Bảo', 3], ['Khánh', 3], ['Diễm', 2], ['Như', 3], ['Cẩm', 2], ['Tuyết', 2]],
};

const GIVEN_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  male: ['An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Hải', 'Hậu', 'Hiếu', 'Hòa', 'Hoàng',
    'Hùng', 'Huy', 'Khang', 'Khoa', 'Kiệt', 'Lâm', 'Long', 'Lộc', 'Luân', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát',
    'Phong', 'Phúc', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Toàn', 'Trí',
    'Trung', 'Tuấn', 'Tùng', 'Vinh', 'Vũ', 'Hưng', 'Khải', 'Lợi', 'Tín'],
  female: ['An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền',
    'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung',
    'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thư', 'Thủy', 'Tiên', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên',
    'Vân', 'Vy', 'Xuân', 'Yến', 'Hân', 'Thơ', 'Cúc', 'Lệ', 'Kiều', 'Nhàn'],
};

export type Ethnicity = 'Kinh' | 'Hoa' | 'Khơ-me';

export interface PersonName {
  familyName: string;
  middleName: string;
  givenName: string;
  fullName: string;
}

export function drawName(random: Random, sex: Sex, birthYear: number, ethnicity: Ethnicity): PersonName {
  const familyName = ethnicity === 'Hoa' ? random.pick(HOA_FAMILY_NAMES)
    : ethnicity === 'Khơ-me' ? random.pick(KHMER_FAMILY_NAMES)
      : random.weighted(KINH_FAMILY_NAMES);
  // Share of Văn/Thị among middle names: ~85% for people born before 1975, ~25% after 2005.
  const traditional = birthYear < 1975 ? 0.85 : birthYear < 1990 ? 0.65 : birthYear < 2005 ? 0.45 : 0.25;
  const middleName = random.chance(traditional)
    ? (sex === 'male' ? 'Văn' : 'Thị')
    : random.weighted(MIDDLE_NAMES[sex]);
  // Younger women often carry two middle names ("Nguyễn Thị Ngọc Anh").
  const secondMiddle = sex === 'female' && middleName === 'Thị' && random.chance(0.3)
    ? ` ${random.weighted(MIDDLE_NAMES.female)}` : '';
  let givenName = random.pick(GIVEN_NAMES[sex]);
  if (`${middleName}${secondMiddle}`.endsWith(givenName)) givenName = random.pick(GIVEN_NAMES[sex]);
  const middle = `${middleName}${secondMiddle}`;
  return { familyName, middleName: middle, givenName, fullName: `${familyName} ${middle} ${givenName}` };
}

/** ASCII form for e-mail local parts: "Nguyễn Văn An" → "nguyenvanan". */
export function asciiName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z]/g, '').toLowerCase();
}
