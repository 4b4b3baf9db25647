import type { CustomerCommand, CustomerType, RiskProfile } from '@rapport/customer-domain';
import type { PersonalData } from '@rapport/privacy';
import { SeededRandom } from '@rapport/kernel';

export interface ScriptedCommand {
  readonly command: CustomerCommand;
  readonly personal?: PersonalData;
}

const DAY = 86_400_000;
const CHANNELS = ['branch', 'mobile-app', 'web', 'call-centre', 'partner'] as const;
const PRODUCTS = ['savings-account', 'current-account', 'credit-card', 'mutual-fund', 'insurance-policy', 'brokerage-account'] as const;
const CATEGORIES = ['deposits', 'cards', 'wealth-management', 'insurance', 'securities', 'loans'] as const;
const TOUCHPOINTS = ['account-opening', 'branch-visit', 'app-login', 'advisor-call', 'claim'] as const;
const COMPLAINT_TOPICS = ['fees', 'service', 'app-outage', 'advice', 'card-declined'] as const;
/** Asset bands in CNY with their share of customers: mostly mass, a few private clients. */
const ASSET_BANDS = [
  { share: 0.6, min: 1_000, max: 49_999 },
  { share: 0.28, min: 50_000, max: 499_999 },
  { share: 0.1, min: 500_000, max: 5_999_999 },
  { share: 0.02, min: 6_000_000, max: 30_000_000 },
] as const;

/** One customer's life over the window, in business-time order, as commands (realistic, not exhaustive). */
export function customerScript(customerId: string, seed: number, windowStart: Date, windowEnd: Date): ScriptedCommand[] {
  const random = new SeededRandom(seed);
  const span = windowEnd.getTime() - windowStart.getTime();
  const acquiredAt = windowStart.getTime() + random.next() * span * 0.7;
  const script: ScriptedCommand[] = [acquisition(customerId, random, acquiredAt)];
  if (!random.chance(0.92)) return script;

  const activatedAt = acquiredAt + random.integer(1, 14) * DAY;
  const at = (time: number) => new Date(Math.min(time, windowEnd.getTime() - 1)).toISOString();
  script.push({ command: { type: 'ActivateCustomer', customerId, occurredAt: at(activatedAt), data: { product: random.pick(PRODUCTS) } } });
  const life = new Life(customerId, random, at);
  life.live(activatedAt, windowEnd.getTime(), script);
  return script.sort((a, b) => a.command.occurredAt.localeCompare(b.command.occurredAt));
}

function acquisition(customerId: string, random: SeededRandom, time: number): ScriptedCommand {
  const band = pickBand(random);
  const customerType: CustomerType = random.chance(0.85) ? 'individual' : random.chance(0.8) ? 'corporate' : 'institutional';
  const riskProfile = random.pick(['C1', 'C2', 'C3', 'C4', 'C5'] as const) as RiskProfile;
  const data = {
    customerType,
    channel: random.pick(CHANNELS),
    assets: { amount: `${random.integer(band.min, band.max)}.00`, currency: 'CNY' },
    riskProfile,
    acquisitionCost: { amount: `${random.integer(50, 800)}.00`, currency: 'CNY' },
  };
  const number = customerId.replace(/\D/g, '').padStart(6, '0');
  const personal = {
    name: `Demo Customer ${customerId}`,
    nationalId: `DEMO${number}`,
    phone: `+86 138 ${number.slice(-8)}`,
    email: `${customerId.toLowerCase()}@example.com`,
  };
  return { command: { type: 'AcquireCustomer', customerId, occurredAt: new Date(time).toISOString(), data }, personal };
}

function pickBand(random: SeededRandom): (typeof ASSET_BANDS)[number] {
  let roll = random.next();
  for (const band of ASSET_BANDS) {
    if (roll < band.share) return band;
    roll -= band.share;
  }
  return ASSET_BANDS[0];
}

/** Walks an active customer's months: transactions, surveys, complaints, redemptions, churn. */
class Life {
  private points = 200;
  private sequence = 0;

  constructor(
    private readonly customerId: string,
    private readonly random: SeededRandom,
    private readonly at: (time: number) => string,
  ) {}

  live(from: number, until: number, script: ScriptedCommand[]): void {
    const monthlyTransactions = this.random.integer(0, 8);
    const spendScale = this.random.pick([1, 1, 2, 5, 20]);
    const churnsAt = this.random.chance(0.12) ? from + this.random.next() * (until - from) : Infinity;
    for (let month = from; month < Math.min(until, churnsAt); month += 30 * DAY) {
      this.month(month, Math.min(month + 30 * DAY, until, churnsAt), monthlyTransactions, spendScale, script);
    }
    if (churnsAt < until) this.churn(churnsAt, until, script);
  }

  private month(start: number, end: number, transactions: number, spendScale: number, script: ScriptedCommand[]): void {
    const times = Array.from({ length: transactions }, () => start + this.random.next() * (end - start)).sort((a, b) => a - b);
    for (const time of times) script.push(this.transaction(time, spendScale));
    if (this.random.chance(0.35)) script.push(this.survey(start + this.random.next() * (end - start)));
    if (this.random.chance(0.03)) script.push(...this.complaint(start + this.random.next() * (end - start), end));
    if (this.points >= 500 && this.random.chance(0.25)) script.push(this.redemption(end - DAY));
  }

  private transaction(time: number, spendScale: number): ScriptedCommand {
    const yuan = this.random.integer(20, 4_000) * spendScale;
    this.points += Math.floor(yuan / 100);
    const revenue = Math.max(1, Math.round(yuan * this.random.integer(2, 15))) / 1000;
    const data = {
      transactionId: `${this.customerId}-T${++this.sequence}`,
      amount: { amount: `${yuan}.${String(this.random.integer(0, 99)).padStart(2, '0')}`, currency: 'CNY' },
      productCategory: this.random.pick(CATEGORIES),
      revenue: { amount: revenue.toFixed(2), currency: 'CNY' },
    };
    return { command: { type: 'RecordTransaction', customerId: this.customerId, occurredAt: this.at(time), data } };
  }

  private survey(time: number): ScriptedCommand {
    const csat = this.random.pick([1, 2, 3, 4, 4, 5, 5, 5]);
    const nps = this.random.chance(0.7) ? Math.min(10, Math.max(0, csat * 2 + this.random.integer(-2, 1))) : undefined;
    const data = {
      surveyId: `${this.customerId}-S${++this.sequence}`,
      csat,
      touchpoint: this.random.pick(TOUCHPOINTS),
      channel: this.random.pick(CHANNELS),
      ...(nps === undefined ? {} : { nps }),
    };
    return { command: { type: 'RecordSatisfaction', customerId: this.customerId, occurredAt: this.at(time), data } };
  }

  private complaint(time: number, monthEnd: number): ScriptedCommand[] {
    const complaintId = `${this.customerId}-C${++this.sequence}`;
    const severity = this.random.pick(['low', 'medium', 'high'] as const);
    const filed: ScriptedCommand = {
      command: {
        type: 'FileComplaint',
        customerId: this.customerId,
        occurredAt: this.at(time),
        data: { complaintId, category: this.random.pick(COMPLAINT_TOPICS), severity, channel: this.random.pick(CHANNELS) },
      },
    };
    if (!this.random.chance(0.85)) return [filed];
    const resolvedAt = Math.min(time + this.random.integer(1, 25) * DAY, monthEnd + 20 * DAY);
    const resolved: ScriptedCommand = {
      command: {
        type: 'ResolveComplaint',
        customerId: this.customerId,
        occurredAt: this.at(resolvedAt),
        data: { complaintId, resolution: 'resolved with the customer' },
      },
    };
    return [filed, resolved];
  }

  private redemption(time: number): ScriptedCommand {
    this.points -= 500;
    const data = {
      redemptionId: `${this.customerId}-R${++this.sequence}`,
      points: 500,
      reward: this.random.pick(['cashback', 'airport-lounge', 'gift-card']),
    };
    return { command: { type: 'RedeemPoints', customerId: this.customerId, occurredAt: this.at(time), data } };
  }

  private churn(time: number, until: number, script: ScriptedCommand[]): void {
    script.push({
      command: {
        type: 'ChurnCustomer',
        customerId: this.customerId,
        occurredAt: this.at(time),
        data: { reason: this.random.pick(['moved to a competitor', 'fees', 'relocated']) },
      },
    });
    if (!this.random.chance(0.2) || time + 60 * DAY >= until) return;
    const back = time + this.random.integer(30, 60) * DAY;
    script.push({
      command: {
        type: 'ReactivateCustomer',
        customerId: this.customerId,
        occurredAt: this.at(back),
        data: { reason: 'retention offer accepted' },
      },
    });
  }
}
