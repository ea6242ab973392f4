import { foldVietnamese } from '../citizens/random.ts';
import type { Order, OrderStatus, PostalAddress } from './model.ts';

/** The provincial post office, where items between communes are sorted. */
export const PROVINCIAL_OFFICE = 'Bưu điện tỉnh Đồng Tháp';
const HOME_PROVINCE = 'dong thap';

/** A place name without case, diacritics or the "Tỉnh"/"Phường"/"Xã" prefix people may omit. */
export function placeKey(name: string): string {
  return foldVietnamese(name).replace(/^(tinh|thanh pho|tp\.?|phuong|xa|dac khu)\s+/, '').trim();
}

const lowerFirstWord = (name: string): string => name.replace(/^(Tỉnh|Thành phố)\s/, (word) => word.toLowerCase());

/**
 * The post office serving an address: in Đồng Tháp, the ward's post office ("Bưu cục Sa Đéc")
 * or the commune's cultural post office ("Bưu điện văn hóa xã Tháp Mười"); elsewhere the
 * other province's post office.
 */
export function officeFor(address: PostalAddress): string {
  if (placeKey(address.province) !== HOME_PROVINCE) return `Bưu điện ${lowerFirstWord(address.province.trim())}`;
  const commune = address.commune.trim();
  const ward = /^Phường\s+(.+)$/iu.exec(commune);
  if (ward) return `Bưu cục ${ward[1]}`;
  const rural = /^Xã\s+(.+)$/iu.exec(commune);
  if (rural) return `Bưu điện văn hóa xã ${rural[1]}`;
  return `Bưu cục ${commune}`;
}

/** Where a status change happens: at the sender's end, in the sorting centre, or at the receiver's end. */
export function eventLocation(order: Pick<Order, 'sender' | 'receiver'>, status: OrderStatus): string {
  switch (status) {
    case 'in_transit':
      return PROVINCIAL_OFFICE;
    case 'out_for_delivery':
    case 'delivered':
    case 'delivery_failed':
      return officeFor(order.receiver.address);
    default:
      return officeFor(order.sender.address);
  }
}
