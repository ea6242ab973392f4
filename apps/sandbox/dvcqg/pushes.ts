import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import { REFERENCE_DATE, type Citizen, type CitizenDirectory } from '../citizens/generator.ts';
import { seededRandom } from '../citizens/random.ts';
import { postJson } from '../kit.ts';
import { clientForAgency, type DvcqgClient } from './clients.ts';
import type { FieldErrors } from './dossiers.ts';
import { DVCQG_DELIVERY_HEADER, DVCQG_SIGNATURE_HEADER, signDvcqgPayload } from './signature.ts';

/**
 * Dossiers filed centrally on the national portal ("nộp tập trung"), pushed to the provincial
 * system responsible for the agency. Every push keeps its body and delivery id for life, so a
 * redelivery is the same message with a fresh signature time, and the receiver can deduplicate.
 */

export interface PushRequest {
  procedureCode: string;
  procedureName?: string;
  agencyCode: string;
  applicantPersonalId?: string;
  formData?: Record<string, unknown>;
  attachments?: { name: string; contentType: string; base64: string }[];
  receiverUrl?: string;
}

export interface PushAttempt {
  url: string;
  at: string;
  /** HTTP status, or null when the receiver could not be reached. */
  status: number | null;
  error?: string;
  trigger: 'initial' | 'manual' | 'automatic';
  signatureTimestamp: number;
}

export interface PushRecord {
  /** Also the `X-DVCQG-Delivery` header: the same on every attempt. */
  id: string;
  nationalDossierCode: string;
  clientId: string;
  receiverUrl: string;
  createdAt: string;
  state: 'delivered' | 'retrying' | 'failed';
  nextRetryAt: string | null;
  attempts: PushAttempt[];
  rawBody: string;
}

export interface PushServiceOptions {
  clients: readonly DvcqgClient[];
  directory: CitizenDirectory;
  retryDelaysMs: readonly number[];
  deliveryTimeoutMs: number;
  maxRecords: number;
  now: () => Date;
  log: FastifyBaseLogger;
}

const MAX_FORM_DATA_BYTES = 64 * 1024;
const MAX_ATTEMPTS_KEPT = 50;
const ADULT_BIRTH_LIMIT = `${Number(REFERENCE_DATE.slice(0, 4)) - 18}${REFERENCE_DATE.slice(4)}`;
/** Việt Nam time, which decides the date part of a dossier code. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

export class PushService {
  readonly #options: PushServiceOptions;
  readonly #pushes = new Map<string, PushRecord>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #dailySequence = { day: '', next: 1 };
  #created = 0;
  #stopped = false;

  constructor(options: PushServiceOptions) {
    this.#options = options;
  }

  get(id: string): PushRecord | undefined {
    return this.#pushes.get(id);
  }

  /** Newest first. */
  list(limit: number): { total: number; items: PushRecord[] } {
    return { total: this.#pushes.size, items: [...this.#pushes.values()].reverse().slice(0, limit) };
  }

  /** Checks the request, builds and records the push, and makes the first delivery attempt. */
  async create(request: PushRequest): Promise<{ push: PushRecord } | { errors: FieldErrors }> {
    const errors: FieldErrors = {};
    const client = clientForAgency(this.#options.clients, request.agencyCode);
    if (!client) errors.agencyCode = 'No registered provincial system speaks for this agency\'s province';
    const receiverUrl = request.receiverUrl ?? client?.receiverUrl;
    if (client && !receiverUrl) errors.receiverUrl = `Client ${client.id} has no receiverUrl; give one in the request`;
    else if (receiverUrl && !/^https?:\/\//i.test(receiverUrl)) errors.receiverUrl = 'Must be an http or https URL';
    let applicant: Citizen | undefined;
    if (request.applicantPersonalId !== undefined) {
      applicant = this.#options.directory.byId(request.applicantPersonalId);
      if (!applicant) errors.applicantPersonalId = 'Not a valid personal id number';
    }
    if (request.formData && Buffer.byteLength(JSON.stringify(request.formData)) > MAX_FORM_DATA_BYTES) errors.formData = 'Larger than 64 KB';
    if (Object.keys(errors).length > 0 || !client || !receiverUrl) return { errors };

    this.#created += 1;
    const now = this.#options.now();
    const id = randomUUID();
    const body = {
      event: 'dossier.filed',
      nationalDossierCode: this.#nextDossierCode(client, now),
      procedureCode: request.procedureCode,
      procedureName: request.procedureName ?? null,
      agencyCode: request.agencyCode,
      channel: 'dvcqg',
      status: 1,
      submittedAt: now.toISOString(),
      applicant: applicantData(applicant ?? this.#drawApplicant(this.#created)),
      formData: request.formData ?? {},
      attachments: (request.attachments ?? []).map((a) => ({ ...a, size: Buffer.from(a.base64, 'base64').length })),
    };
    const push: PushRecord = {
      id, nationalDossierCode: body.nationalDossierCode, clientId: client.id, receiverUrl, createdAt: now.toISOString(),
      state: 'failed', nextRetryAt: null, attempts: [], rawBody: JSON.stringify(body),
    };
    if (this.#pushes.size >= this.#options.maxRecords) this.#forget(this.#pushes.keys().next().value!);
    this.#pushes.set(id, push);
    await this.#attempt(push, 'initial');
    return { push };
  }

  /** Sends the push again now, whatever its state (the receiver is expected to deduplicate by delivery id). */
  async redeliver(id: string): Promise<PushRecord | undefined> {
    const push = this.#pushes.get(id);
    if (push) await this.#attempt(push, 'manual');
    return push;
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #attempt(push: PushRecord, trigger: PushAttempt['trigger']): Promise<void> {
    const client = this.#options.clients.find((c) => c.id === push.clientId)!;
    const signatureTimestamp = Math.floor(this.#options.now().getTime() / 1000);
    const outcome = await postJson(push.receiverUrl, push.rawBody, {
      [DVCQG_SIGNATURE_HEADER]: signDvcqgPayload(client.receiverSecret, push.rawBody, signatureTimestamp),
      [DVCQG_DELIVERY_HEADER]: push.id,
    }, this.#options.deliveryTimeoutMs);
    const attempt: PushAttempt = { url: outcome.url, at: outcome.at, status: outcome.status, trigger, signatureTimestamp };
    if (outcome.error) attempt.error = outcome.error;
    push.attempts.push(attempt);
    if (push.attempts.length > MAX_ATTEMPTS_KEPT) push.attempts.shift();
    this.#options.log.info({ push: push.id, trigger, status: outcome.status }, 'dvcqg push attempt');

    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
      this.#clearTimer(push);
      push.state = 'delivered';
      return;
    }
    // A manual attempt leaves the automatic schedule as it was; the others continue it.
    if (trigger !== 'manual' && !this.#timers.has(push.id)) this.#scheduleRetry(push);
    push.state = this.#timers.has(push.id) ? 'retrying' : 'failed';
  }

  #scheduleRetry(push: PushRecord): void {
    const automatic = push.attempts.filter((a) => a.trigger === 'automatic').length;
    const delay = this.#options.retryDelaysMs[automatic];
    if (this.#stopped || delay === undefined) return;
    push.nextRetryAt = new Date(this.#options.now().getTime() + delay).toISOString();
    const timer = setTimeout(() => {
      this.#timers.delete(push.id);
      push.nextRetryAt = null;
      if (push.state !== 'delivered' && this.#pushes.has(push.id)) void this.#attempt(push, 'automatic');
    }, delay);
    timer.unref();
    this.#timers.set(push.id, timer);
  }

  #clearTimer(push: PushRecord): void {
    clearTimeout(this.#timers.get(push.id));
    this.#timers.delete(push.id);
    push.nextRetryAt = null;
  }

  #forget(id: string): void {
    const push = this.#pushes.get(id);
    if (push) this.#clearTimer(push);
    this.#pushes.delete(id);
  }

  /** `G22.99.<cc>-<yymmdd>-<nnnn>`: see the push route's description. */
  #nextDossierCode(client: DvcqgClient, now: Date): string {
    const day = new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(2, 10).replaceAll('-', '');
    if (this.#dailySequence.day !== day) Object.assign(this.#dailySequence, { day, next: 1 });
    const clientNumber = String(this.#options.clients.indexOf(client) + 1).padStart(2, '0');
    return `G22.99.${clientNumber}-${day}-${String(this.#dailySequence.next++).padStart(4, '0')}`;
  }

  /** A listed adult, drawn deterministically from the seed and the push's running number. */
  #drawApplicant(pushNumber: number): Citizen {
    const { directory } = this.#options;
    const random = seededRandom(`${directory.seed}|dvcqg|push-applicant|${pushNumber}`);
    let citizen = directory.generate(random.int(0, 9_999));
    for (let tries = 0; tries < 50 && citizen.dateOfBirth > ADULT_BIRTH_LIMIT; tries++) citizen = directory.generate(random.int(0, 9_999));
    return citizen;
  }
}

function applicantData(citizen: Citizen) {
  return {
    type: 'citizen',
    personalId: citizen.personalId,
    fullName: citizen.fullName,
    dateOfBirth: citizen.dateOfBirth,
    sex: citizen.sex,
    address: citizen.permanentAddress.text,
    currentAddress: citizen.currentAddress.text,
    phone: citizen.phoneNumber,
    email: citizen.email,
  };
}
