import en from './en.json';
import zhCN from './zh-CN.json';
import visitsEn from './visits.en.json';
import visitsZh from './visits.zh-CN.json';
import returnsEn from './returns.en.json';
import returnsZh from './returns.zh-CN.json';
import partsEn from './parts.en.json';
import partsZh from './parts.zh-CN.json';
import contractsEn from './contracts.en.json';
import contractsZh from './contracts.zh-CN.json';
import costsEn from './costs.en.json';
import costsZh from './costs.zh-CN.json';
import amortisationEn from './amortisation.en.json';
import amortisationZh from './amortisation.zh-CN.json';
import noticesEn from './notices.en.json';
import noticesZh from './notices.zh-CN.json';
import timelineServiceEn from './timeline-service.en.json';
import timelineServiceZh from './timeline-service.zh-CN.json';
import analysisEn from './analysis.en.json';
import analysisZh from './analysis.zh-CN.json';
import capaEn from './capa.en.json';
import capaZh from './capa.zh-CN.json';
import reportEn from './report.en.json';
import reportZh from './report.zh-CN.json';
import costsUiEn from './costs-ui.en.json';
import costsUiZh from './costs-ui.zh-CN.json';
import importerEn from './importer.en.json';
import importerZh from './importer.zh-CN.json';
import mailImportEn from './mail-import.en.json';
import mailImportZh from './mail-import.zh-CN.json';
import exporterEn from './exporter.en.json';
import exporterZh from './exporter.zh-CN.json';
import backupEn from './backup.en.json';
import backupZh from './backup.zh-CN.json';

/**
 * The catalogues, one pair of files per part of the app: the base (`zh-CN.json`, `en.json`) and the
 * parts of service work (issue 5), each owning its top-level keys. Both languages of a part have the
 * same keys (test/unit/i18n-catalogues.test.ts), and no two parts share a top-level key.
 */
export const CATALOGUE_PARTS = {
  base: { 'zh-CN': zhCN, en },
  visits: { 'zh-CN': visitsZh, en: visitsEn },
  returns: { 'zh-CN': returnsZh, en: returnsEn },
  parts: { 'zh-CN': partsZh, en: partsEn },
  contracts: { 'zh-CN': contractsZh, en: contractsEn },
  // Issue 6: cost lines and vetting; amortisation views.
  costs: { 'zh-CN': costsZh, en: costsEn },
  amortisation: { 'zh-CN': amortisationZh, en: amortisationEn },
  // Sentences of the timeline for service work and costs.
  timelineService: { 'zh-CN': timelineServiceZh, en: timelineServiceEn },
  // Notifications of issue 7 (overdue corrective actions; the report's words are in `report.mail`).
  notices: { 'zh-CN': noticesZh, en: noticesEn },
  costsUi: { 'zh-CN': costsUiZh, en: costsUiEn },
  // Issue 7: Pareto analysis and dashboard; corrective and preventive action; the monthly report.
  analysis: { 'zh-CN': analysisZh, en: analysisEn },
  capa: { 'zh-CN': capaZh, en: capaEn },
  report: { 'zh-CN': reportZh, en: reportEn },
  // Issue 8: import of the old spreadsheet and of e-mails, export of the tracking table, backup and restore.
  importer: { 'zh-CN': importerZh, en: importerEn },
  mailImport: { 'zh-CN': mailImportZh, en: mailImportEn },
  exporter: { 'zh-CN': exporterZh, en: exporterEn },
  backup: { 'zh-CN': backupZh, en: backupEn },
} as const;

type Catalogue = Record<string, unknown>;

function merged(lang: 'zh-CN' | 'en'): Catalogue {
  return Object.assign({}, ...Object.values(CATALOGUE_PARTS).map((p) => p[lang] as Catalogue)) as Catalogue;
}

export const CATALOGUES = { 'zh-CN': merged('zh-CN'), en: merged('en') };
