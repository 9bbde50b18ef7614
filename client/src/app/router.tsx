import { createBrowserRouter, Navigate } from 'react-router';
import { ChangePasswordPage } from '../auth/change-password/ChangePasswordPage';
import { SignInPage } from '../auth/sign-in/SignInPage';
import { ActivitiesPage } from '../club/activities/ActivitiesPage';
import { ActivityNewPage, ActivityPage } from '../club/activities/ActivityPage';
import { FundsPage } from '../club/funds/FundsPage';
import { HomeCarePage } from '../club/home-care/HomeCarePage';
import { LoanPage } from '../club/loans/LoanPage';
import { LoanRequestPage } from '../club/loans/LoanRequestPage';
import { LoansPage } from '../club/loans/LoansPage';
import { MeetingSheetPage } from '../club/meeting/MeetingSheetPage';
import { MemberEditPage, MemberNewPage } from '../club/members/MemberEditPage';
import { MemberPage } from '../club/members/MemberPage';
import { MembersPage } from '../club/members/MembersPage';
import { MyClubPage } from '../club/my-club/MyClubPage';
import { MonthlyReportPage } from '../club/reports/MonthlyReportPage';
import { ProvincesPage } from '../national/provinces/ProvincesPage';
import { ClubPage } from '../province/clubs/ClubPage';
import { ClubsPage } from '../province/clubs/ClubsPage';
import { HierarchyPage } from '../province/hierarchy/HierarchyPage';
import { ReferenceFiguresPage } from '../province/reference-figures/ReferenceFiguresPage';
import { ReportPage } from '../province/reports/ReportPage';
import { ReportsPage } from '../province/reports/ReportsPage';
import { SchemePage } from '../province/schemes/SchemePage';
import { SchemesPage } from '../province/schemes/SchemesPage';
import { SurveyPage } from '../province/surveys/SurveyPage';
import { SurveysPage } from '../province/surveys/SurveysPage';
import { UsersPage } from '../province/users/UsersPage';
import { RedirectToOwnArea, RequireArea, RequireSession } from './guards';
import { NotFoundPage } from './NotFoundPage';
import { AppLayout } from './shell/AppLayout';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <RedirectToOwnArea /> },
      {
        element: <AppLayout />,
        children: [
          {
            path: 'national',
            element: <RequireArea area="national" />,
            children: [
              { index: true, element: <Navigate to="comparison" replace /> },
              { path: 'comparison', lazy: async () => ({ Component: (await import('../national/comparison/ComparisonPage')).ComparisonPage }) },
              { path: 'provinces', element: <ProvincesPage /> },
              {
                path: 'provinces/:tenantId/dashboard',
                lazy: async () => ({ Component: (await import('../national/provinces/ProvinceDashboardPage')).NationalProvinceDashboardPage }),
              },
            ],
          },
          {
            path: 'province',
            element: <RequireArea area="province" />,
            children: [
              { index: true, element: <Navigate to="dashboard" replace /> },
              { path: 'dashboard', lazy: async () => ({ Component: (await import('../province/dashboard/ProvinceDashboardPage')).ProvinceDashboardPage }) },
              { path: 'hierarchy', element: <HierarchyPage /> },
              { path: 'schemes', element: <SchemesPage /> },
              { path: 'schemes/:id', element: <SchemePage /> },
              { path: 'surveys', element: <SurveysPage /> },
              { path: 'surveys/:id', element: <SurveyPage /> },
              { path: 'reference-figures', element: <ReferenceFiguresPage /> },
              { path: 'users', element: <UsersPage /> },
              { path: 'clubs', element: <ClubsPage /> },
              { path: 'clubs/:id', element: <ClubPage /> },
              { path: 'reports', element: <ReportsPage /> },
              { path: 'reports/:clubId/:month', element: <ReportPage /> },
            ],
          },
          {
            path: 'club',
            element: <RequireArea area="club" />,
            children: [
              { index: true, element: <MyClubPage /> },
              { path: 'members', element: <MembersPage /> },
              { path: 'members/new', element: <MemberNewPage /> },
              { path: 'members/:id', element: <MemberPage /> },
              { path: 'members/:id/edit', element: <MemberEditPage /> },
              { path: 'meeting', element: <MeetingSheetPage /> },
              { path: 'loans', element: <LoansPage /> },
              { path: 'loans/new', element: <LoanRequestPage /> },
              { path: 'loans/:id', element: <LoanPage /> },
              { path: 'funds', element: <FundsPage /> },
              { path: 'home-care', element: <HomeCarePage /> },
              { path: 'activities', element: <ActivitiesPage /> },
              { path: 'activities/new', element: <ActivityNewPage /> },
              { path: 'activities/:id', element: <ActivityPage /> },
              { path: 'reports', element: <MonthlyReportPage /> },
            ],
          },
          { path: 'account/password', element: <ChangePasswordPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
