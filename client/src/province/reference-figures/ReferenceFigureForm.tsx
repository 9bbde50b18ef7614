import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { groupDigits } from '../../app/money';
import { GroupedDigitsInput } from '../../app/ui/MoneyInput';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { useFieldErrors } from '../../app/ui/use-field-errors';
import {
  ReferenceFiguresDocument,
  SaveReferenceFigureDocument,
  type ReferenceFigureItemFragment,
  type ReferenceFigureKind,
} from '../../gql/graphql';
import { referenceFigureKinds } from './reference-figure-kinds';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

export type FigureFormTarget =
  | { mode: 'edit'; figure: ReferenceFigureItemFragment }
  | { mode: 'add'; year: number; kind: ReferenceFigureKind };

interface ReferenceFigureFormProps {
  target: FigureFormTarget;
  /** The figures as last read, so an entry for a year and kind that exists corrects it. */
  figures: ReferenceFigureItemFragment[];
  onReload: () => Promise<unknown>;
  onSaved: () => void;
  onCancel: () => void;
}

const formFields = ['year', 'kind', 'value', 'source'] as const;
type FormField = (typeof formFields)[number];

interface FigureValues {
  year: string;
  kind: ReferenceFigureKind;
  value: string;
  source: string;
}

/**
 * Enter or correct one figure. A year and kind already entered are corrected rather than added,
 * with the version read; what the user typed stays on any error, a conflict included.
 */
export function ReferenceFigureForm({ target, figures, onReload, onSaved, onCancel }: ReferenceFigureFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldErrorsOf = useFieldErrors();
  const editing = target.mode === 'edit';
  const [values, setValues] = useState<FigureValues>(() =>
    target.mode === 'edit'
      ? { year: String(target.figure.year), kind: target.figure.kind, value: target.figure.value, source: target.figure.source }
      : { year: String(target.year), kind: target.kind, value: '', source: '' },
  );
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [save, { loading }] = useMutation(SaveReferenceFigureDocument, { refetchQueries: [ReferenceFiguresDocument] });
  const existing = figures.find((figure) => String(figure.year) === values.year.trim() && figure.kind === values.kind);

  function set<Field extends FormField>(field: Field, value: FigureValues[Field]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit() {
    const found: Partial<Record<FormField, string>> = {};
    if (!/^\d{4}$/.test(values.year.trim())) found.year = t('referenceFigures.yearInvalid');
    if (!values.value) found.value = t('common.required');
    if (!values.source.trim()) found.source = t('referenceFigures.sourceRequired');
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    try {
      await save({
        variables: {
          input: {
            year: Number(values.year.trim()),
            kind: values.kind,
            value: values.value,
            source: values.source.trim().normalize('NFC'),
            version: existing?.version ?? null,
          },
        },
      });
      notifications.show({ color: 'teal', message: t('referenceFigures.saved') });
      onSaved();
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const fields = fieldErrorsOf(error);
      const shown = Object.fromEntries(Object.entries(fields).filter(([field]) => (formFields as readonly string[]).includes(field)));
      setErrors(shown);
      const rest = Object.entries(fields).filter(([field]) => !(field in shown));
      setFormError(rest.length ? rest.map(([, message]) => message).join(' ') : Object.keys(fields).length ? null : errorMessage(error));
    }
  }

  async function reload() {
    setReloading(true);
    try {
      await onReload();
      setConflict(false);
    } catch (error) {
      setFormError(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={submitShowingFirstErrorOf(submit)}
    >
      <Stack gap="md" data-testid="figure-form">
        {conflict && (
          <Alert color="orange" icon={<IconAlertCircle />} role="alert" data-testid="figure-conflict">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('referenceFigures.conflict')}</Text>
              <Button variant="white" color="orange" leftSection={<IconRefresh size={18} />} loading={reloading} onClick={() => void reload()} data-testid="figure-reload">
                {t('schemes.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="figure-error">
            {formError}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput
            label={t('referenceFigures.year')}
            required
            inputMode="numeric"
            maxLength={4}
            disabled={editing}
            value={values.year}
            error={errors.year}
            onChange={(event) => set('year', event.currentTarget.value)}
            data-testid="figure-year"
          />
          <NativeSelect
            label={t('referenceFigures.kind')}
            disabled={editing}
            data={referenceFigureKinds.map((kind) => ({ value: kind, label: t(`referenceFigures.kinds.${kind}`) }))}
            value={values.kind}
            error={errors.kind}
            onChange={(event) => set('kind', event.currentTarget.value as ReferenceFigureKind)}
            data-testid="figure-kind"
          />
        </Group>
        {!editing && existing && (
          <Alert color="blue" variant="light" data-testid="figure-exists">
            {t('referenceFigures.exists', { year: existing.year, value: groupDigits(existing.value) })}
          </Alert>
        )}
        <GroupedDigitsInput
          label={t('referenceFigures.value')}
          description={t(`referenceFigures.units.${values.kind}`)}
          required
          value={values.value}
          error={errors.value}
          onChange={(digits) => set('value', digits)}
          data-testid="figure-value"
        />
        <Textarea
          label={t('referenceFigures.source')}
          description={t('referenceFigures.sourceHint')}
          required
          autosize
          minRows={2}
          value={values.source}
          error={errors.source}
          onChange={(event) => set('source', event.currentTarget.value)}
          data-testid="figure-source"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="figure-submit">
            {t('referenceFigures.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
