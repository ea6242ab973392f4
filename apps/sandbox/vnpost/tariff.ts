import type { DistanceClass, Party, ServiceCode } from './model.ts';
import { placeKey } from './places.ts';

/**
 * The sandbox's tariff. Vietnam Post's real price list is longer (zones, surcharges, VAT);
 * this keeps its shape — a price for the first 500 g by service and distance class, plus a
 * price per further 500 g or part of it — so that Sen shows and reconciles a fee computed by
 * the carrier. Amounts are in đồng, VAT included, and are synthetic.
 *
 * | service | distance class   | first 500 g | each further 500 g | delivery within |
 * |---------|------------------|-------------|--------------------|-----------------|
 * | EMS     | same_commune     | 15,000      | 2,500              | 12 h            |
 * | EMS     | same_province    | 20,000      | 3,500              | 24 h            |
 * | EMS     | other_province   | 33,000      | 8,000              | 48 h            |
 * | BK      | same_commune     | 10,000      | 1,500              | 24 h            |
 * | BK      | same_province    | 13,000      | 2,000              | 48 h            |
 * | BK      | other_province   | 20,000      | 4,500              | 96 h            |
 */
interface Rate {
  firstStepVnd: number;
  extraStepVnd: number;
  deliveryHours: number;
}

export const WEIGHT_STEP_GRAMS = 500;

export const TARIFF: Readonly<Record<ServiceCode, Readonly<Record<DistanceClass, Rate>>>> = {
  EMS: {
    same_commune: { firstStepVnd: 15_000, extraStepVnd: 2_500, deliveryHours: 12 },
    same_province: { firstStepVnd: 20_000, extraStepVnd: 3_500, deliveryHours: 24 },
    other_province: { firstStepVnd: 33_000, extraStepVnd: 8_000, deliveryHours: 48 },
  },
  BK: {
    same_commune: { firstStepVnd: 10_000, extraStepVnd: 1_500, deliveryHours: 24 },
    same_province: { firstStepVnd: 13_000, extraStepVnd: 2_000, deliveryHours: 48 },
    other_province: { firstStepVnd: 20_000, extraStepVnd: 4_500, deliveryHours: 96 },
  },
};

export function distanceClass(sender: Pick<Party, 'address'>, receiver: Pick<Party, 'address'>): DistanceClass {
  if (placeKey(sender.address.province) !== placeKey(receiver.address.province)) return 'other_province';
  return placeKey(sender.address.commune) === placeKey(receiver.address.commune) ? 'same_commune' : 'same_province';
}

export function computeFee(service: ServiceCode, distance: DistanceClass, weightGrams: number): number {
  const rate = TARIFF[service][distance];
  const extraSteps = Math.max(0, Math.ceil(weightGrams / WEIGHT_STEP_GRAMS) - 1);
  return rate.firstStepVnd + extraSteps * rate.extraStepVnd;
}

export function estimatedDelivery(service: ServiceCode, distance: DistanceClass, from: Date): Date {
  return new Date(from.getTime() + TARIFF[service][distance].deliveryHours * 3_600_000);
}
