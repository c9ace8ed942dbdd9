// Short names for the generated schema types (aliases of components.schemas, not copies).
import type { components } from './schema';

type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type Session = Schemas['Session'];
export type User = Schemas['User'];
export type Group = Schemas['Group'];
export type Server = Schemas['Server'];
export type ScanRun = Schemas['ScanRun'];
export type ScanType = Schemas['ScanType'];
export type ScanStatus = Schemas['ScanStatus'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskPriority = Schemas['TaskPriority'];
export type Severity = Schemas['Severity'];
export type Role = Schemas['Role'];
export type TokenScope = Schemas['TokenScope'];
export type TaskListItem = Schemas['TaskListItem'];
export type TaskView = Schemas['TaskView'];
export type TaskEdit = Schemas['TaskEdit'];
export type TaskBulkEdit = Schemas['TaskBulkEdit'];
export type HostLink = Schemas['HostLink'];
export type SoftwareType = Schemas['SoftwareType'];
export type Software = Schemas['Software'];
export type GroupSoftware = Schemas['GroupSoftware'];
export type EolState = Schemas['EolState'];
export type EolItem = Schemas['EolItem'];
export type EolItemEdit = Schemas['EolItemEdit'];
export type LicenseCategory = Schemas['LicenseCategory'];
export type LicenseUse = Schemas['LicenseUse'];
export type LicenseViolation = Schemas['LicenseViolation'];
export type LicensePolicy = Schemas['LicensePolicy'];
export type InventorySettings = Schemas['InventorySettings'];
export type ServerRisk = Schemas['ServerRisk'];
export type SbomFileImportResult = Schemas['SbomFileImportResult'];

export const TASK_STATUSES: readonly TaskStatus[] = [
  'NEW', 'INVESTIGATING', 'ONGOING', 'DEFER', 'WORKAROUND', 'NOT_AFFECTED', 'RISK_ACCEPTED', 'PATCH_APPLIED',
];
/** The statuses a user may set (PATCH_APPLIED is a scan's). */
export const USER_TASK_STATUSES: readonly TaskStatus[] = TASK_STATUSES.filter((s) => s !== 'PATCH_APPLIED');
export const TASK_PRIORITIES: readonly TaskPriority[] = ['HIGH', 'MEDIUM', 'LOW', 'NONE'];
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', ''];
export const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write', 'scan', 'admin'];
export const SCAN_TYPES: readonly ScanType[] = ['inspector', 'sbom', 'vuls', 'advisory', 'sbom_file'];
export const SOFTWARE_TYPES: readonly SoftwareType[] = ['os_pkg', 'library', 'runtime', 'application'];
export const EOL_STATES: readonly EolState[] = ['EOL', 'NEAR_EOL', 'SUPPORTED'];
export const LICENSE_CATEGORIES: readonly LicenseCategory[] = [
  'permissive', 'public_domain', 'weak_copyleft', 'strong_copyleft', 'network_copyleft', 'proprietary', 'unknown',
];
