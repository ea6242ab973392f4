import { isTerminal, type Order } from './model.ts';

/**
 * Moves orders along by themselves, one step per interval, so a demo needs no tester at the
 * admin API. Each order has its own timer, restarted after every change (manual ones too).
 */
export class Autopilot {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #intervalMs: number;
  readonly #advance: (orderId: string) => void;
  #stopped = false;

  constructor(intervalMs: number, advance: (orderId: string) => void) {
    this.#intervalMs = intervalMs;
    this.#advance = advance;
  }

  /** Called after every status change of an order. */
  schedule(order: Order): void {
    this.forget(order.orderId);
    if (this.#intervalMs <= 0 || this.#stopped || isTerminal(order.status)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(order.orderId);
      this.#advance(order.orderId);
    }, this.#intervalMs);
    this.#timers.set(order.orderId, timer);
  }

  forget(orderId: string): void {
    clearTimeout(this.#timers.get(orderId));
    this.#timers.delete(orderId);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
