import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './print.module.css';

export interface Signer {
  role: string;
  /** Printed under the space to sign, when known. */
  name?: string | null;
}

/** Where the paper is signed: the place and day, then each signer's role, room to sign, and name. */
export function Signatures({ signers, place, day }: { signers: Signer[]; place: string; day: string }) {
  const { t } = useTranslation();
  const [year, month, date] = day.split('-');
  return (
    <footer>
      <p className={classes.placeAndDate} data-testid="print-place-and-date">
        {t('print.placeAndDate', { place, day: date, month, year })}
      </p>
      <div className={classes.signatures} style={{ '--signature-count': signers.length } as CSSProperties}>
        {signers.map((signer) => (
          <div key={signer.role} data-testid="print-signature">
            <div className={classes.signatureRole}>{signer.role}</div>
            <div className={classes.signatureHint}>{t('print.signHint')}</div>
            <div className={classes.signatureSpace} />
            <div className={classes.signatureName} data-testid="print-signer-name">
              {signer.name ?? ''}
            </div>
          </div>
        ))}
      </div>
    </footer>
  );
}
