// The saved operations of operations/ the dashboard sends, read from the repository at build time: the
// dashboard has no queries of its own.
import { gql } from '@apollo/client';
import district from '../../operations/DashboardDistrict.graphql?raw';
import jobcenter from '../../operations/DashboardJobcenter.graphql?raw';
import responsible from '../../operations/DashboardResponsible.graphql?raw';
import search from '../../operations/DashboardSearch.graphql?raw';

export const DASHBOARD_DISTRICT = gql(district);
export const DASHBOARD_SEARCH = gql(search);
export const DASHBOARD_JOBCENTER = gql(jobcenter);
export const DASHBOARD_RESPONSIBLE = gql(responsible);
