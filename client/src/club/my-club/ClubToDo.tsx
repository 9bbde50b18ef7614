import { useQuery } from '@apollo/client/react';
import { Alert, Blockquote, Button, Card, Stack, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ClubToDoDocument } from '../../gql/graphql';
import { monthNumber } from '../club-format';
import classes from '../ui/club-ui.module.css';

function ToDoItem({ to, children, testId }: { to: string; children: ReactNode; testId: string }) {
  return (
    <Link to={to} className={classes.toDoItem} data-testid={testId}>
      <span>{children}</span>
      <IconChevronRight size={20} aria-hidden />
    </Link>
  );
}

/**
 * What the club has to do, each item a link to where it is done: first a report the province
 * returned, with its comment, until it is submitted again; then reports past their due day,
 * repayments overdue and members flagged as possible duplicates.
 */
export function ClubToDo() {
  const { t } = useTranslation();
  const { data } = useQuery(ClubToDoDocument, { fetchPolicy: 'cache-and-network' });
  if (!data) return null;

  const returned = data.returnedReports.edges.map((edge) => edge.node);
  const loans = data.overdueLoans.edges.map((edge) => edge.node);
  const duplicates = data.possibleDuplicates.edges.map((edge) => edge.node);
  const nothingElse = data.overdueReportMonths.length === 0 && loans.length === 0 && duplicates.length === 0;

  return (
    <Stack gap="sm">
      {returned.map((report) => (
        <Alert
          key={report.id}
          color="orange"
          variant="light"
          icon={<IconArrowBackUp />}
          title={t('clubArea.toDo.returnedTitle', { month: monthNumber(report.month) })}
          data-testid="to-do-returned"
          data-month={report.month}
        >
          <Stack gap="xs" align="flex-start">
            {report.returnComment && (
              <Blockquote color="orange" p="sm" cite={t('clubArea.toDo.returnedBy')} data-testid="to-do-returned-comment">
                {report.returnComment}
              </Blockquote>
            )}
            <Button component={Link} to={`/club/reports?month=${report.month}`} color="orange" data-testid="to-do-returned-open">
              {t('clubArea.toDo.returnedAction')}
            </Button>
          </Stack>
        </Alert>
      ))}
      {!nothingElse && (
        <Card withBorder radius="lg" padding="md" data-testid="to-do">
          <Title order={2} fz="lg" mb="xs">
            <IconAlertTriangle size={20} aria-hidden style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
            {t('clubArea.toDo.title')}
          </Title>
          <Stack gap={0}>
            {data.overdueReportMonths.map((month) => (
              <ToDoItem key={String(month)} to={`/club/reports?month=${month}`} testId="to-do-report">
                {t('clubArea.toDo.overdueReport', { month: monthNumber(month) })}
              </ToDoItem>
            ))}
            {loans.map((loan) => (
              <ToDoItem key={loan.id} to={`/club/loans/${loan.id}`} testId="to-do-loan">
                {t('clubArea.toDo.overdueLoan', { name: loan.member.fullName, count: loan.standing.daysPastDue })}
              </ToDoItem>
            ))}
            {data.overdueLoans.totalCount > loans.length && (
              <ToDoItem to="/club/loans?view=overdue" testId="to-do-loans-more">
                {t('clubArea.toDo.moreLoans', { count: data.overdueLoans.totalCount - loans.length })}
              </ToDoItem>
            )}
            {duplicates.map((member) => (
              <ToDoItem key={member.id} to={`/club/members/${member.id}`} testId="to-do-duplicate">
                {t('clubArea.toDo.possibleDuplicate', { name: member.fullName, year: member.birthYear })}
              </ToDoItem>
            ))}
            {data.possibleDuplicates.totalCount > duplicates.length && (
              <ToDoItem to="/club/members?duplicate=1" testId="to-do-duplicates-more">
                {t('clubArea.toDo.moreDuplicates', { count: data.possibleDuplicates.totalCount - duplicates.length })}
              </ToDoItem>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
