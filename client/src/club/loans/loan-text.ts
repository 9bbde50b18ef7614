import type { TFunction } from 'i18next';
import { formatVnd } from '../../app/format';
import type { Vnd } from '../../app/money';
import { formatDecimal } from '../club-format';

interface LoanTerms {
  termMonths: number;
  monthlyRate?: string | null;
  flatFee?: Vnd | null;
}

/** "10 tháng · lãi 0,5%/tháng" or "10 tháng · phí trọn gói 50.000 ₫". */
export function loanTermsText(t: TFunction, loan: LoanTerms, language?: string): string {
  const cost =
    loan.monthlyRate !== null && loan.monthlyRate !== undefined
      ? t('clubArea.loans.rateText', { rate: formatDecimal(loan.monthlyRate, language) })
      : t('clubArea.loans.feeText', { fee: formatVnd(loan.flatFee ?? 0) });
  return `${t('clubArea.loans.termText', { count: loan.termMonths })} · ${cost}`;
}
