import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { CommuneSearchDocument, SaveClubPlanEntryDocument, type SchemeDetailFragment } from '../../../gql/graphql';
import { formProblemsOf, problemsByField, useSchemeProblems } from '../scheme-messages';

/** Communes are the third level: province, district, commune. */
const COMMUNE_LEVEL = 3;
const formFields = new Set(['communeId', 'plannedYear', 'hamletName', 'note']);

export function AddClubPlanEntryForm({ scheme, onSaved, onCancel }: { scheme: SchemeDetailFragment; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.normalize('NFC').trim(), 300);
  const communes = useQuery(CommuneSearchDocument, { variables: { search: debouncedSearch }, skip: debouncedSearch.length < 2 });
  const [save, { loading }] = useMutation(SaveClubPlanEntryDocument);
  const [communeId, setCommuneId] = useState<string | null>(null);
  const [plannedYear, setPlannedYear] = useState(String(scheme.firstYear));
  const [hamletName, setHamletName] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const years = Array.from({ length: scheme.lastYear - scheme.firstYear + 1 }, (_, index) => String(scheme.firstYear + index));
  const options = (communes.data?.adminUnits.edges ?? [])
    .map((edge) => edge.node)
    .filter((unit) => unit.level === COMMUNE_LEVEL && !unit.retired)
    .map((unit) => ({ value: unit.id, label: unit.parent ? `${unit.fullName}, ${unit.parent.fullName}` : unit.fullName }));

  async function submit() {
    if (!communeId) {
      setErrors({ communeId: t('common.required') });
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      await save({
        variables: {
          input: {
            schemeId: scheme.id,
            communeId,
            plannedYear: Number(plannedYear),
            hamletName: hamletName.trim().normalize('NFC') || null,
            note: note.trim().normalize('NFC') || null,
            status: 'PLANNED',
          },
        },
      });
      notifications.show({ color: 'teal', message: t('clubPlan.saved') });
      onSaved();
    } catch (error) {
      const { fieldErrors, formError } = formProblemsOf(problemsByField(schemeProblems(error)), formFields, () => errorMessage(error));
      setErrors(fieldErrors);
      if (formError) setFormError(formError);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="md">
        {formError && (
          <Alert color="red" title={t('common.saveFailed')} role="alert">
            {formError}
          </Alert>
        )}
        <Select
          label={t('clubPlan.commune')}
          placeholder={t('clubPlan.communeSearch')}
          searchable
          required
          data={options}
          value={communeId}
          onChange={setCommuneId}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          nothingFoundMessage={debouncedSearch.length >= 2 && !communes.loading ? t('clubPlan.noCommune') : undefined}
          error={errors.communeId}
          data-testid="club-plan-commune"
        />
        <NativeSelect label={t('clubPlan.year')} data={years} value={plannedYear} error={errors.plannedYear} onChange={(event) => setPlannedYear(event.currentTarget.value)} />
        <TextInput label={t('clubPlan.hamlet')} value={hamletName} error={errors.hamletName} onChange={(event) => setHamletName(event.currentTarget.value)} />
        <TextInput label={t('clubPlan.note')} value={note} error={errors.note} onChange={(event) => setNote(event.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="club-plan-submit">
            {t('clubPlan.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
