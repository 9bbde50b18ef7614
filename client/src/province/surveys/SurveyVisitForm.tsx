import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { SaveSurveyVisitDocument, SurveyUnitSearchDocument, type SurveyVisitDetailFragment } from '../../gql/graphql';
import { formProblemsOf, problemsByField, useSchemeProblems } from '../schemes/scheme-messages';
import { submitShowingFirstErrorOf } from '../../app/ui/focus-first-error';

const formFields = new Set(['unitId', 'visitedOn', 'clubsFound', 'readyForClub', 'participants', 'clubActivity', 'difficulties', 'proposals']);

interface SurveyVisitFormProps {
  surveyId: string;
  visit?: SurveyVisitDetailFragment;
  onSaved: () => void;
  onCancel: () => void;
}

export function SurveyVisitForm({ surveyId, visit, onSaved, onCancel }: SurveyVisitFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [search, setSearch] = useState(visit?.unit.fullName ?? '');
  const [debouncedSearch] = useDebouncedValue(search.normalize('NFC').trim(), 300);
  const units = useQuery(SurveyUnitSearchDocument, { variables: { search: debouncedSearch }, skip: debouncedSearch.length < 2 });
  const [save, { loading }] = useMutation(SaveSurveyVisitDocument);
  const [values, setValues] = useState({
    unitId: visit?.unit.id ?? null,
    visitedOn: formatDate(visit?.visitedOn),
    clubsFound: visit?.clubsFound === null || visit?.clubsFound === undefined ? '' : String(visit.clubsFound),
    readyForClub: visit?.readyForClub === true ? 'yes' : visit?.readyForClub === false ? 'no' : '',
    participants: visit?.participants ?? '',
    clubActivity: visit?.clubActivity ?? '',
    difficulties: visit?.difficulties ?? '',
    proposals: visit?.proposals ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const found = (units.data?.adminUnits.edges ?? [])
    .map((edge) => edge.node)
    .filter((unit) => !unit.retired)
    .map((unit) => ({ value: unit.id, label: unit.parent ? `${unit.fullName}, ${unit.parent.fullName}` : unit.fullName }));
  const options = visit && !found.some((option) => option.value === visit.unit.id) ? [{ value: visit.unit.id, label: visit.unit.fullName }, ...found] : found;
  const set = (field: keyof typeof values, value: string | null) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  };
  const text = (value: string) => value.trim().normalize('NFC') || null;

  async function submit() {
    const problems: Record<string, string> = {};
    if (!values.unitId) problems.unitId = t('common.required');
    if (parseDisplayDate(values.visitedOn) === undefined) problems.visitedOn = t('schemes.form.dateInvalid');
    if (values.clubsFound && !/^\d+$/.test(values.clubsFound)) problems.clubsFound = t('fieldErrors.invalid');
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length || !values.unitId) return;
    try {
      await save({
        variables: {
          input: {
            id: visit?.id ?? null,
            version: visit?.version ?? null,
            surveyId,
            unitId: values.unitId,
            visitedOn: parseDisplayDate(values.visitedOn) ?? null,
            clubsFound: values.clubsFound ? Number(values.clubsFound) : null,
            readyForClub: values.readyForClub === 'yes' ? true : values.readyForClub === 'no' ? false : null,
            participants: text(values.participants),
            clubActivity: text(values.clubActivity),
            difficulties: text(values.difficulties),
            proposals: text(values.proposals),
          },
        },
      });
      notifications.show({ color: 'teal', message: t('surveys.visitSaved') });
      onSaved();
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setFormError(t('schemes.conflict'));
        return;
      }
      const { fieldErrors, formError } = formProblemsOf(problemsByField(schemeProblems(error)), formFields, () => errorMessage(error));
      setErrors(fieldErrors);
      if (formError) setFormError(formError);
    }
  }

  return (
    <form
      onSubmit={submitShowingFirstErrorOf(submit)}
      noValidate
    >
      <Stack gap="md">
        {formError && (
          <Alert color="red" title={t('common.saveFailed')} role="alert">
            {formError}
          </Alert>
        )}
        <Select
          label={t('surveys.unit')}
          placeholder={t('surveys.unitSearch')}
          searchable
          required
          data={options}
          value={values.unitId}
          onChange={(value) => set('unitId', value)}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          nothingFoundMessage={debouncedSearch.length >= 2 && !units.loading ? t('surveys.noUnit') : undefined}
          error={errors.unitId}
          data-testid="visit-unit"
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput
            label={t('surveys.visitedOn')}
            placeholder={t('schemes.form.datePlaceholder')}
            inputMode="numeric"
            value={values.visitedOn}
            error={errors.visitedOn}
            onChange={(event) => set('visitedOn', event.currentTarget.value)}
          />
          <TextInput
            label={t('surveys.clubsFound')}
            inputMode="numeric"
            value={values.clubsFound}
            error={errors.clubsFound}
            onChange={(event) => set('clubsFound', event.currentTarget.value.replace(/\D/g, ''))}
          />
          <NativeSelect
            label={t('surveys.readyForClub')}
            data={[
              { value: '', label: t('surveys.ready.unknown') },
              { value: 'yes', label: t('surveys.ready.yes') },
              { value: 'no', label: t('surveys.ready.no') },
            ]}
            value={values.readyForClub}
            onChange={(event) => set('readyForClub', event.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea label={t('surveys.participants')} autosize minRows={2} value={values.participants} error={errors.participants} onChange={(event) => set('participants', event.currentTarget.value)} />
        <Textarea label={t('surveys.clubActivity')} autosize minRows={2} value={values.clubActivity} error={errors.clubActivity} onChange={(event) => set('clubActivity', event.currentTarget.value)} />
        <Textarea label={t('surveys.difficulties')} autosize minRows={2} value={values.difficulties} error={errors.difficulties} onChange={(event) => set('difficulties', event.currentTarget.value)} />
        <Textarea label={t('surveys.proposals')} autosize minRows={2} value={values.proposals} error={errors.proposals} onChange={(event) => set('proposals', event.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="visit-submit">
            {t('surveys.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
