import { regexes } from 'zod';
import { addMonths } from '#domain/dates.ts';
import { CERTIFICATE_STATES, LISTINGS } from '#domain/firm.ts';
import { COLLATERAL, FINANCING_KINDS, PURPOSES } from '#domain/funding-request.ts';
import type { MatchInputSchema } from '#domain/matching/index.ts';
import { EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT_YUAN, textProblem } from '#domain/text.ts';
import { DESIGNATIONS, type Designation, LABELS, LEVELS, levelAllowed, TIERS } from '#domain/tiers.ts';
import { isValidUscc } from '#domain/uscc.ts';

/**
 * POST /api/match's body, checked by plain code that follows MatchInputSchema rule for rule
 * (FirmSchema, CertificationSchema, FundingRequestSchema and the text, date and money schemas
 * they are built from) and builds the very value zod's parse returns: defaults filled in, names
 * NFC-normalised and trimmed, each certificate's expiresOn defaulted, keys in the schema's order.
 * It only ever says yes: for a body it cannot vouch for it answers `undefined`, and the route's
 * own zod validation runs and gives the usual bilingual 400. So the schema stays the one
 * contract; this is a shortcut past it for the bodies it accepts (a tenth of zod's time).
 *
 * test/http/match-input.test.ts holds it to zod on thousands of good and bad bodies, and holds a
 * fingerprint of the schema: a change to the schema fails that test until this file follows it.
 */
export type MatchInputValue = ReturnType<(typeof MatchInputSchema)['parse']>;
type Firm = MatchInputValue['firm'];
type Certification = Firm['certifications'][number];
type FundingRequest = MatchInputValue['request'];
type Fields = Record<string, unknown>;

/** The region and industry code patterns of FirmSchema (RegionCodeSchema, IndustryCodeSchema). */
const REGION_CODE = /^[1-8]\d{5}$/;
const INDUSTRY_CODE = /^[A-T](\d{2,4})?$/;
/** zod's ISO calendar date (z.iso.date()), as IsoDateSchema checks it. */
const ISO_DATE = regexes.date;

const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(values: readonly T[]) => {
  const set = new Set<unknown>(values);
  return (v: unknown): v is T => set.has(v);
};
const isTier = oneOf(TIERS);
const isLabel = oneOf(LABELS);
const isDesignation = (v: unknown, tier: boolean): v is Designation => (tier ? isTier(v) : isLabel(v));
const isLevel = oneOf(LEVELS);
const isState = oneOf(CERTIFICATE_STATES);
const isListing = oneOf(LISTINGS);
const isPurpose = oneOf(PURPOSES);
const isCollateral = oneOf(COLLATERAL);
const isKind = oneOf(FINANCING_KINDS);

/** z.number().int() within [min, max]: a safe integer (so no NaN, no infinity, no fraction). */
const isInt = (v: unknown, min: number, max: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
/** IsoDateSchema: a real calendar date, 1900-01-01 … 2199-12-31. */
const isDate = (v: unknown): v is string =>
  typeof v === 'string' && ISO_DATE.test(v) && v >= EARLIEST_DATE && v <= LATEST_DATE;
/** YuanSchema. */
const isYuan = (v: unknown): v is number => isInt(v, 0, MAX_AMOUNT_YUAN);
/** AmountYuanSchema: positive whole yuan. */
const isAmount = (v: unknown): v is number => isInt(v, 1, MAX_AMOUNT_YUAN);

/** nameSchema(min, max): at most 4 × max as sent, then NFC and trimmed, min … max long, nothing invisible. */
function nameOf(v: unknown, min: number, max: number): string | undefined {
  if (typeof v !== 'string' || v.length > max * 4) return undefined;
  if (plainLine(v)) {
    // Normalising leaves such a name as it is, and trimming keeps it plain.
    const name = v.trim();
    return name.length < min || name.length > max ? undefined : name;
  }
  const name = v.normalize('NFC').trim();
  if (name.length < min || name.length > max || textProblem(name, false) !== undefined) return undefined;
  return name;
}

/**
 * Is every character printable ASCII, a CJK unified ideograph, CJK punctuation 、 to 】 or a
 * full-width form ！ to ～? Most names are. Each of these is its own NFC form, none combines
 * with another, and none is a control or invisible character, so for such a string NFC is
 * the identity and textProblem finds nothing (match-input.test.ts checks every one of them).
 */
export function plainLine(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c < 0x7f
        ? c < 0x20
        : !(c >= 0x4e00 ? c <= 0x9fff || (c >= 0xff01 && c <= 0xff5e) : c >= 0x3001 && c <= 0x3011)
    )
      return false;
  }
  return true;
}

const CERTIFICATION_KEYS = new Set([
  'tier',
  'label',
  'level',
  'issuedOn',
  'expiresOn',
  'authority',
  'state',
  'listId',
]);

/** CertificationSchema: a tier or a label (not both), at a level it is issued at, expiresOn defaulted and after issuedOn. */
function certificationOf(v: unknown): Certification | undefined {
  if (!isFields(v)) return undefined;
  for (const key in v) if (!CERTIFICATION_KEYS.has(key)) return undefined;
  const hasTier = 'tier' in v;
  if (hasTier === 'label' in v) return undefined;
  const designation = hasTier ? v.tier : v.label;
  if (!isDesignation(designation, hasTier)) return undefined;
  const { level, issuedOn, expiresOn, state, listId } = v;
  if (!isLevel(level) || !isDate(issuedOn)) return undefined;
  const expiresSent = 'expiresOn' in v;
  if (expiresSent && !isDate(expiresOn)) return undefined;
  const authority = nameOf(v.authority, 1, 200);
  if (authority === undefined) return undefined;
  if ('state' in v && !isState(state)) return undefined;
  if ('listId' in v && !(typeof listId === 'string' && listId.length <= 200)) return undefined;
  if (!levelAllowed(designation, level)) return undefined;
  // The union's branch as zod builds it (keys in shape order, optional ones only when sent),
  // then the schema's transform (`{ ...c, expiresOn }`: a defaulted expiresOn comes last) and
  // its refinement.
  const certification: Fields = hasTier ? { tier: designation } : { label: designation };
  certification.level = level;
  certification.issuedOn = issuedOn;
  if (expiresSent) certification.expiresOn = expiresOn;
  certification.authority = authority;
  if ('state' in v) certification.state = state;
  if ('listId' in v) certification.listId = listId;
  const expiry = expiresSent
    ? (expiresOn as string)
    : addMonths(issuedOn, DESIGNATIONS[designation].validityMonths);
  if (!expiresSent) certification.expiresOn = expiry;
  return expiry > issuedOn ? (certification as unknown as Certification) : undefined;
}

const FIRM_KEYS = new Set([
  'uscc',
  'name',
  'regionCode',
  'industryCode',
  'foundedOn',
  'employees',
  'revenueYuan',
  'rndExpenseYuan',
  'inventionPatents',
  'priorYearInterestPaidYuan',
  'listing',
  'certifications',
]);

/** FirmSchema. */
function firmOf(v: unknown): Firm | undefined {
  if (!isFields(v)) return undefined;
  for (const key in v) if (!FIRM_KEYS.has(key)) return undefined;
  const {
    uscc,
    regionCode,
    industryCode,
    foundedOn,
    employees,
    revenueYuan,
    rndExpenseYuan,
    inventionPatents,
  } = v;
  if (typeof uscc !== 'string' || !isValidUscc(uscc)) return undefined;
  const name = nameOf(v.name, 2, 100);
  if (name === undefined) return undefined;
  if (typeof regionCode !== 'string' || !REGION_CODE.test(regionCode)) return undefined;
  if (typeof industryCode !== 'string' || !INDUSTRY_CODE.test(industryCode)) return undefined;
  if (!isDate(foundedOn) || !isInt(employees, 0, 10_000_000)) return undefined;
  if (!isYuan(revenueYuan) || !isYuan(rndExpenseYuan) || !isInt(inventionPatents, 0, 1_000_000))
    return undefined;
  // Defaults stand in for a field left out, never for a null.
  const interest = v.priorYearInterestPaidYuan === undefined ? 0 : v.priorYearInterestPaidYuan;
  const listing = v.listing === undefined ? 'none' : v.listing;
  if (!isYuan(interest) || !isListing(listing)) return undefined;
  const sent = v.certifications;
  const certifications: Certification[] = [];
  if (sent !== undefined) {
    if (!Array.isArray(sent) || sent.length > 50) return undefined;
    for (const c of sent) {
      const certification = certificationOf(c);
      if (certification === undefined) return undefined;
      certifications.push(certification);
    }
  }
  return {
    uscc,
    name,
    regionCode,
    industryCode,
    foundedOn,
    employees,
    revenueYuan,
    rndExpenseYuan,
    inventionPatents,
    priorYearInterestPaidYuan: interest,
    listing,
    certifications,
  };
}

const REQUEST_KEYS = new Set([
  'amountYuan',
  'purpose',
  'termMonths',
  'collateral',
  'kind',
  'needBy',
  'maturingLoanYuan',
  'maturesOn',
]);

/** FundingRequestSchema: bridge requests also say which loan matures, and when. */
function requestOf(v: unknown): FundingRequest | undefined {
  if (!isFields(v)) return undefined;
  for (const key in v) if (!REQUEST_KEYS.has(key)) return undefined;
  const { amountYuan, purpose, termMonths, needBy, maturingLoanYuan, maturesOn } = v;
  if (!isAmount(amountYuan) || !isPurpose(purpose) || !isInt(termMonths, 1, 360)) return undefined;
  const sent = v.collateral;
  let collateral: FundingRequest['collateral'];
  if (sent === undefined) collateral = ['none'];
  else {
    if (!Array.isArray(sent) || sent.length < 1 || sent.length > 7 || !sent.every(isCollateral))
      return undefined;
    collateral = [...sent];
  }
  const kind = v.kind === undefined ? 'debt' : v.kind;
  if (!isKind(kind)) return undefined;
  if ('needBy' in v && !isDate(needBy)) return undefined;
  if ('maturingLoanYuan' in v && !isAmount(maturingLoanYuan)) return undefined;
  if ('maturesOn' in v && !isDate(maturesOn)) return undefined;
  if (purpose === 'bridge' && (maturingLoanYuan === undefined || maturesOn === undefined)) return undefined;
  const request: FundingRequest = { amountYuan, purpose, termMonths, collateral, kind };
  if ('needBy' in v) request.needBy = needBy as string;
  if ('maturingLoanYuan' in v) request.maturingLoanYuan = maturingLoanYuan as number;
  if ('maturesOn' in v) request.maturesOn = maturesOn as string;
  return request;
}

/** MatchInputSchema's value for `body`, or undefined when the route's zod validation should have the last word. */
export function parseMatchInput(body: unknown): MatchInputValue | undefined {
  if (!isFields(body)) return undefined;
  for (const key in body) if (key !== 'firm' && key !== 'request' && key !== 'asOf') return undefined;
  const firm = firmOf(body.firm);
  if (firm === undefined) return undefined;
  const request = requestOf(body.request);
  if (request === undefined) return undefined;
  if (!('asOf' in body)) return { firm, request };
  const asOf = body.asOf;
  return isDate(asOf) ? { firm, request, asOf } : undefined;
}
