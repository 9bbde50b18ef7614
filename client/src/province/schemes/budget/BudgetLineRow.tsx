import { ActionIcon, Checkbox, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../../app/format';
import { moneyDigits } from '../../../app/money';
import { MoneyInput } from '../../../app/ui/MoneyInput';
import classes from '../../../app/ui/responsive-table.module.css';
import type { BudgetPurpose, BudgetSource } from '../../../gql/graphql';
import { budgetPurposes, budgetSources, lineAmount, type BudgetLineDraft } from './budget-draft';
import styles from './budget.module.css';

interface BudgetLineRowProps {
  line: BudgetLineDraft;
  years: number[];
  errors: Partial<Record<keyof BudgetLineDraft, string>>;
  onChange: (changes: Partial<BudgetLineDraft>) => void;
  onRemove: () => void;
}

export function BudgetLineRow({ line, years, errors, onChange, onRemove }: BudgetLineRowProps) {
  const { t } = useTranslation();
  const amount = lineAmount(line);
  const labels = {
    source: t('budget.columnSource'),
    purpose: t('budget.columnPurpose'),
    year: t('budget.columnYear'),
    description: t('budget.columnDescription'),
    amount: t('budget.columnAmount'),
  };

  return (
    <Table.Tr data-testid="budget-line-row" data-source={line.source} data-purpose={line.purpose}>
      <Table.Td data-label={labels.source}>
        <NativeSelect
          aria-label={labels.source}
          data={budgetSources.map((source) => ({ value: source, label: t(`budget.source.${source}`) }))}
          value={line.source}
          onChange={(event) => onChange({ source: event.currentTarget.value as BudgetSource })}
          data-testid="budget-line-source"
          className={styles.select}
        />
      </Table.Td>
      <Table.Td data-label={labels.purpose}>
        <Stack gap={6} className={styles.purposeCell}>
          <NativeSelect
            aria-label={labels.purpose}
            data={budgetPurposes.map((purpose) => ({ value: purpose, label: t(`budget.purpose.${purpose}`) }))}
            value={line.purpose}
            onChange={(event) => onChange({ purpose: event.currentTarget.value as BudgetPurpose })}
            data-testid="budget-line-purpose"
          />
          {/* Descriptions copy the decision's sentences: the box grows to show all of one. */}
          <Textarea
            aria-label={labels.description}
            placeholder={labels.description}
            size="md"
            autosize
            minRows={1}
            value={line.description}
            error={errors.description}
            onChange={(event) => onChange({ description: event.currentTarget.value })}
            data-testid="budget-line-description"
          />
        </Stack>
      </Table.Td>
      <Table.Td data-label={labels.year}>
        <NativeSelect
          aria-label={labels.year}
          data={[{ value: '', label: t('budget.allYears') }, ...years.map((year) => ({ value: String(year), label: String(year) }))]}
          value={line.year}
          error={errors.year}
          onChange={(event) => onChange({ year: event.currentTarget.value })}
          data-testid="budget-line-year"
          className={styles.year}
        />
      </Table.Td>
      <Table.Td data-label={labels.amount}>
        <Stack gap={6} className={styles.amountCell}>
          <Checkbox
            label={t('budget.perClubToggle')}
            checked={line.perClub}
            onChange={(event) => onChange({ perClub: event.currentTarget.checked })}
            data-testid="budget-line-per-club-toggle"
          />
          {line.perClub ? (
            <>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <MoneyInput
                  aria-label={t('budget.perClubAmount')}
                  placeholder={t('budget.perClubAmount')}
                  value={line.perClubAmount}
                  error={errors.perClubAmount}
                  onChange={(perClubAmount) => onChange({ perClubAmount })}
                  data-testid="budget-line-per-club-amount"
                  className={styles.money}
                />
                <Text pt={6} aria-hidden>
                  {t('budget.times')}
                </Text>
                <TextInput
                  aria-label={t('budget.plannedClubs')}
                  placeholder={t('budget.plannedClubs')}
                  inputMode="numeric"
                  value={line.plannedClubs}
                  error={errors.plannedClubs}
                  onChange={(event) => onChange({ plannedClubs: moneyDigits(event.currentTarget.value).slice(0, 6) })}
                  data-testid="budget-line-planned-clubs"
                  className={styles.clubs}
                />
              </Group>
              <Text fw={600} ta="right" className={classes.nowrap} data-testid="budget-line-computed-amount">
                = {amount === null ? '—' : formatVnd(amount)}
              </Text>
            </>
          ) : (
            <MoneyInput
              aria-label={labels.amount}
              value={line.amount}
              error={errors.amount}
              onChange={(digits) => onChange({ amount: digits })}
              data-testid="budget-line-amount"
              className={styles.money}
            />
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="red" size="lg" onClick={onRemove} aria-label={t('budget.removeLine')} title={t('budget.removeLine')} data-testid="budget-line-remove">
          <IconTrash size={20} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
