import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { SignInPage } from '../auth/sign-in/SignInPage';
import { loadAreaMessages } from '../i18n';
import { RedirectToOwnArea, RequireArea, RequireSession } from './guards';

/**
 * What only signed-in pages use: the styles of the components the sign-in page does not draw, and
 * the areas' messages. The styles are asked for first: their stylesheet then precedes the page's own
 * in the document, and a page's rules still come after Mantine's.
 */
const signedInParts = () => Promise.all([import('./styles/signed-in'), loadAreaMessages()]);

/**
 * A page's code is fetched when its route is first opened: a club treasurer's phone loads the club
 * pages, never the province's or the national office's, and the sign-in page not even the shell.
 */
function page<Module extends Record<Name, ComponentType>, Name extends string>(load: () => Promise<Module>, name: Name) {
  return async () => {
    const parts = signedInParts();
    const module = await load();
    await parts;
    return { Component: module[name] };
  };
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <RedirectToOwnArea /> },
      {
        lazy: page(() => import('./shell/SignedInLayout'), 'SignedInLayout'),
        children: [
          {
            path: 'national',
            element: <RequireArea area="national" />,
            children: [
              { index: true, element: <Navigate to="comparison" replace /> },
              { path: 'comparison', lazy: page(() => import('../national/comparison/ComparisonPage'), 'ComparisonPage') },
              { path: 'provinces', lazy: page(() => import('../national/provinces/ProvincesPage'), 'ProvincesPage') },
              { path: 'provinces/:tenantId/dashboard', lazy: page(() => import('../national/provinces/ProvinceDashboardPage'), 'NationalProvinceDashboardPage') },
            ],
          },
          {
            path: 'province',
            element: <RequireArea area="province" />,
            children: [
              { index: true, element: <Navigate to="dashboard" replace /> },
              { path: 'dashboard', lazy: page(() => import('../province/dashboard/ProvinceDashboardPage'), 'ProvinceDashboardPage') },
              { path: 'hierarchy', lazy: page(() => import('../province/hierarchy/HierarchyPage'), 'HierarchyPage') },
              { path: 'schemes', lazy: page(() => import('../province/schemes/SchemesPage'), 'SchemesPage') },
              { path: 'schemes/:id', lazy: page(() => import('../province/schemes/SchemePage'), 'SchemePage') },
              { path: 'surveys', lazy: page(() => import('../province/surveys/SurveysPage'), 'SurveysPage') },
              { path: 'surveys/:id', lazy: page(() => import('../province/surveys/SurveyPage'), 'SurveyPage') },
              { path: 'reference-figures', lazy: page(() => import('../province/reference-figures/ReferenceFiguresPage'), 'ReferenceFiguresPage') },
              { path: 'users', lazy: page(() => import('../province/users/UsersPage'), 'UsersPage') },
              { path: 'clubs', lazy: page(() => import('../province/clubs/ClubsPage'), 'ClubsPage') },
              { path: 'clubs/:id', lazy: page(() => import('../province/clubs/ClubPage'), 'ClubPage') },
              { path: 'reports', lazy: page(() => import('../province/reports/ReportsPage'), 'ReportsPage') },
              { path: 'reports/:clubId/:month', lazy: page(() => import('../province/reports/ReportPage'), 'ReportPage') },
              { path: 'members/:id', lazy: page(() => import('../province/clubs/ProvinceMemberPage'), 'ProvinceMemberPage') },
              { path: 'imports', lazy: page(() => import('../province/imports/ImportsPage'), 'ImportsPage') },
              { path: 'imports/:kind', lazy: page(() => import('../province/imports/ProvinceImportPage'), 'ProvinceImportPage') },
            ],
          },
          {
            path: 'club',
            element: <RequireArea area="club" />,
            children: [
              { index: true, lazy: page(() => import('../club/my-club/MyClubPage'), 'MyClubPage') },
              { path: 'members', lazy: page(() => import('../club/members/MembersPage'), 'MembersPage') },
              { path: 'members/new', lazy: page(() => import('../club/members/MemberEditPage'), 'MemberNewPage') },
              { path: 'members/import', lazy: page(() => import('../club/members/MembersImportPage'), 'MembersImportPage') },
              { path: 'members/:id', lazy: page(() => import('../club/members/MemberPage'), 'MemberPage') },
              { path: 'members/:id/edit', lazy: page(() => import('../club/members/MemberEditPage'), 'MemberEditPage') },
              { path: 'meeting', lazy: page(() => import('../club/meeting/MeetingSheetPage'), 'MeetingSheetPage') },
              { path: 'meeting/print', lazy: page(() => import('../club/print/MeetingSheetPrintPage'), 'MeetingSheetPrintPage') },
              { path: 'members/print', lazy: page(() => import('../club/print/MemberListPrintPage'), 'MemberListPrintPage') },
              { path: 'reports/print', lazy: page(() => import('../club/print/MonthlyReportPrintPage'), 'MonthlyReportPrintPage') },
              { path: 'loans', lazy: page(() => import('../club/loans/LoansPage'), 'LoansPage') },
              { path: 'loans/new', lazy: page(() => import('../club/loans/LoanRequestPage'), 'LoanRequestPage') },
              { path: 'loans/:id', lazy: page(() => import('../club/loans/LoanPage'), 'LoanPage') },
              { path: 'funds', lazy: page(() => import('../club/funds/FundsPage'), 'FundsPage') },
              { path: 'home-care', lazy: page(() => import('../club/home-care/HomeCarePage'), 'HomeCarePage') },
              { path: 'activities', lazy: page(() => import('../club/activities/ActivitiesPage'), 'ActivitiesPage') },
              { path: 'activities/new', lazy: page(() => import('../club/activities/ActivityPage'), 'ActivityNewPage') },
              { path: 'activities/:id', lazy: page(() => import('../club/activities/ActivityPage'), 'ActivityPage') },
              { path: 'reports', lazy: page(() => import('../club/reports/MonthlyReportPage'), 'MonthlyReportPage') },
            ],
          },
          { path: 'account/password', lazy: page(() => import('../auth/change-password/ChangePasswordPage'), 'ChangePasswordPage') },
          { path: '*', lazy: page(() => import('./NotFoundPage'), 'NotFoundPage') },
        ],
      },
    ],
  },
]);
