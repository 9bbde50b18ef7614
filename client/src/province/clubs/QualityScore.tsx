import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from '../../app/ui/responsive-table.module.css';
import lines from './clubs.module.css';
import { qualityItemName, type QualityItemValues } from './quality-text';

interface QualityScoreProps {
  checklist: { metCount: number; meetsStandard: boolean; items: QualityItemValues[] };
}

/** "4/6" with the items not met named, as the list of clubs shows it. */
export function QualityScore({ checklist }: QualityScoreProps) {
  const { t } = useTranslation();
  const total = checklist.items.length;
  const unmet = checklist.items.filter((item) => !item.met).map((item) => qualityItemName(t, item.code));
  const color = checklist.meetsStandard ? 'teal' : checklist.metCount >= total / 2 ? 'yellow' : 'red';
  return (
    <span className={lines.cellLines} data-testid="club-quality">
      <Badge
        color={color}
        variant="light"
        tt="none"
        size="lg"
        className={classes.badge}
        aria-label={t('provinceClubs.quality.scoreLabel', { met: checklist.metCount, total })}
        data-testid="club-quality-score"
      >
        {t('provinceClubs.quality.score', { met: checklist.metCount, total })}
      </Badge>
      <Text span size="sm" c={checklist.meetsStandard ? 'teal.8' : 'dimmed'} data-testid="club-quality-unmet">
        {checklist.meetsStandard ? t('provinceClubs.quality.meetsStandard') : t('provinceClubs.quality.unmet', { items: unmet.join(', ') })}
      </Text>
    </span>
  );
}
