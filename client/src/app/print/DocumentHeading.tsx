import { useTranslation } from 'react-i18next';
import classes from './print.module.css';

interface DocumentHeadingProps {
  /** Who keeps or files the paper: the club. */
  issuer: string;
  /** Where it is: the commune and the units above it. */
  place: string;
  title: string;
  subtitle?: string;
  /** A paper filed with the province carries the country's name and motto, as official papers do. */
  formal?: boolean;
}

export function DocumentHeading({ issuer, place, title, subtitle, formal = false }: DocumentHeadingProps) {
  const { t } = useTranslation();
  return (
    <header>
      <div className={classes.heading}>
        <div className={classes.issuer}>
          <div className={classes.issuerName} data-testid="print-club">
            {issuer}
          </div>
          <div data-testid="print-place">{place}</div>
        </div>
        {formal && (
          <div className={classes.country}>
            <div className={classes.countryName}>{t('print.country')}</div>
            <div className={classes.motto}>{t('print.motto')}</div>
          </div>
        )}
      </div>
      <h1 className={classes.title} data-testid="print-title">
        {title}
      </h1>
      {subtitle && (
        <p className={classes.subtitle} data-testid="print-subtitle">
          {subtitle}
        </p>
      )}
    </header>
  );
}
