/**
 * VietQR payloads for bank transfers: EMVCo merchant-presented QR (tag–length–value) with
 * NAPAS's merchant account template in ID 38 (GUID A000000727, beneficiary bank BIN and
 * account, service QRIBFTTA = transfer to an account), currency 704, country VN, the amount
 * and the transfer description (ID 62, sub-ID 08), closed by a CRC16-CCITT (ID 63).
 */
const tlv = (id: string, value: string): string => {
  if (value.length === 0 || value.length > 99) throw new Error(`VietQR field ${id} must be 1–99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
};

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as EMVCo specifies, upper-case hex. */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Bank apps print the description as typed: keep it to unaccented letters, digits and spaces. */
export function transferDescription(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 25);
}

export interface VietQrInput {
  bankBin: string;
  accountNumber: string;
  /** VND; absent for a static code where the payer types the amount. */
  amount?: number;
  description?: string;
}

export function vietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new Error('bank BIN must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber)) throw new Error('account number must be 1–19 letters or digits');
  const merchant = tlv('00', 'A000000727') + tlv('01', tlv('00', input.bankBin) + tlv('01', input.accountNumber)) + tlv('02', 'QRIBFTTA');
  const description = input.description ? transferDescription(input.description) : '';
  const body = tlv('00', '01')
    + tlv('01', input.amount === undefined ? '11' : '12')
    + tlv('38', merchant)
    + tlv('53', '704')
    + (input.amount === undefined ? '' : tlv('54', String(input.amount)))
    + tlv('58', 'VN')
    + (description ? tlv('62', tlv('08', description)) : '')
    + '6304';
  return body + crc16Ccitt(body);
}
