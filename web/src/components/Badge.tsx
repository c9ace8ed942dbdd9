// Colour badges for statuses, severities, priorities and scan results. The colour is only a
// cue: every badge also carries its text.
import { useTranslation } from 'react-i18next';
import type { EolState, LicenseCategory, LicenseViolation, ScanStatus, Severity, TaskPriority, TaskStatus } from '../api/types';

type Tone = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'ok' | 'neutral' | 'running';

export function Badge({ tone, children, title }: { tone: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

const SEVERITY_TONE: Record<string, Tone> = {
  CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', INFORMATIONAL: 'info', UNTRIAGED: 'neutral', '': 'neutral',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Badge tone={SEVERITY_TONE[severity] ?? 'neutral'}>{severity || t('severity.unrated')}</Badge>;
}

const PRIORITY_TONE: Record<TaskPriority, Tone> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low', NONE: 'neutral' };

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  const { t } = useTranslation();
  return <Badge tone={PRIORITY_TONE[priority]}>{t(`priority.${priority}`)}</Badge>;
}

const STATUS_TONE: Record<TaskStatus, Tone> = {
  NEW: 'high', INVESTIGATING: 'medium', ONGOING: 'medium', DEFER: 'neutral', WORKAROUND: 'info',
  NOT_AFFECTED: 'ok', RISK_ACCEPTED: 'neutral', PATCH_APPLIED: 'ok',
};

/** Task statuses stay in English in every language, with the description as a title. */
export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]} title={t(`taskStatus.${status}`)}>
      {status}
    </Badge>
  );
}

const SCAN_TONE: Record<ScanStatus, Tone> = {
  queued: 'running', running: 'running', succeeded: 'ok', partial: 'medium', failed: 'critical',
};

export function ScanStatusBadge({ status }: { status: ScanStatus }) {
  const { t } = useTranslation();
  return <Badge tone={SCAN_TONE[status]}>{t(`scanStatus.${status}`)}</Badge>;
}

const EOL_TONE: Record<EolState, Tone> = { EOL: 'critical', NEAR_EOL: 'medium', SUPPORTED: 'ok' };

export function EolStateBadge({ state }: { state: EolState }) {
  const { t } = useTranslation();
  return <Badge tone={EOL_TONE[state] ?? 'neutral'}>{t(`eolState.${state}`)}</Badge>;
}

const LICENSE_TONE: Record<LicenseCategory, Tone> = {
  permissive: 'ok', public_domain: 'ok', weak_copyleft: 'low', strong_copyleft: 'medium', network_copyleft: 'high',
  proprietary: 'info', unknown: 'neutral',
};

/** A license category; the API gives an empty one for software without a license. */
export function LicenseCategoryBadge({ category }: { category: string }) {
  const { t } = useTranslation();
  if (!category) return null;
  const known = category in LICENSE_TONE;
  return <Badge tone={known ? LICENSE_TONE[category as LicenseCategory] : 'neutral'}>{known ? t(`licenseCategory.${category as LicenseCategory}`) : category}</Badge>;
}

export function LicenseDecisionBadge({ decision }: { decision: LicenseViolation['decision'] }) {
  const { t } = useTranslation();
  return <Badge tone={decision === 'deny' ? 'critical' : 'medium'}>{t(`licenses.decision_${decision}`)}</Badge>;
}

export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation();
  return <Badge tone={value ? 'ok' : 'neutral'}>{value ? t('common.yes') : t('common.no')}</Badge>;
}
