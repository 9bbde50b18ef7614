import { Button, Group, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { BackLink } from '../ui/BackLink';
import { useDocumentTitle } from '../ui/use-document-title';
import { printAsked } from './print-on-open';
import classes from './print.module.css';

/**
 * Opens the print dialog once, when the view was opened to print (its link's state) and its figures
 * are on the page. The state is then dropped, so that coming back to the view does not print again.
 */
function usePrintOnOpen(ready: boolean) {
  const location = useLocation();
  const navigate = useNavigate();
  const asked = printAsked(location.state);
  const printed = useRef(false);
  useEffect(() => {
    if (!ready || !asked || printed.current) return;
    printed.current = true;
    window.print();
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [ready, asked, navigate, location.pathname, location.search]);
}

interface PrintViewProps {
  title: string;
  back: { to: string; label: string };
  /** The paper's figures are on the page: printing may start. */
  ready: boolean;
  /** Across an A4 page rather than down it. */
  wide?: boolean;
  /** What the paper is of (a day, a month), chosen on screen only. */
  controls?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A paper as it prints on A4, with a way back and a print button that the printed page leaves out. */
export function PrintView({ title, back, ready, wide = false, controls, children, testId }: PrintViewProps) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  usePrintOnOpen(ready);
  return (
    <div className={wide ? classes.wide : undefined}>
      <div className={classes.toolbar} data-testid="print-toolbar">
        <BackLink to={back.to} large testId="print-back">
          {back.label}
        </BackLink>
        <Group gap="sm" align="flex-end">
          {controls}
          <Text c="dimmed" size="sm" maw={360}>
            {t('print.hint')}
          </Text>
          <Button leftSection={<IconPrinter size={20} />} disabled={!ready} onClick={() => window.print()} data-testid="print-now">
            {t('print.print')}
          </Button>
        </Group>
      </div>
      <div className={classes.paper} tabIndex={0} role="region" aria-label={title}>
        <article className={classes.document} data-testid={testId} aria-busy={!ready}>
          {children}
        </article>
      </div>
    </div>
  );
}
